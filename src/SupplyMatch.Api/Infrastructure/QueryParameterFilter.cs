using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Endpoints;
using SupplyMatch.Api.Problems;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// Refuses query parameters an endpoint does not take, instead of ignoring them: a misspelt filter (<c>buyerid</c>,
/// <c>limt</c>) or the other paging style (<c>after</c> on a list paged by <c>offset</c>, or the reverse) would otherwise
/// answer as if it were not there, and a client could page through the same first page for ever. The parameters an
/// endpoint takes are read once, when it is built, from its handler: every parameter of a simple type (text, numbers,
/// days, ids, enums) that is not bound from the body, a header, a form or the services, nor named like a route value.
/// A day given as a query filter is held to the service's calendar (2000-01-01..2099-12-31, rule date_range) as in bodies;
/// a parameter given without a value (<c>?buyerId=</c>) is refused with rule not_empty.
/// </summary>
public static class QueryParameterFilter
{
    public static TBuilder RefuseUnknownQueryParameters<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            var taken = Taken(factory.MethodInfo);
            var days = Parameters(factory.MethodInfo, taken, typeof(DateOnly));
            var timestamps = Parameters(factory.MethodInfo, taken, typeof(DateTimeOffset));
            return context =>
            {
                var request = context.HttpContext.Request;
                bool Takes(string name) => taken.Contains(name) && !request.RouteValues.ContainsKey(name);
                if (request.Query.Count == 0)
                {
                    return next(context);
                }

                if (request.Query.Keys.All(Takes))
                {
                    // An empty value (?buyerId=) would filter on the empty text and answer nothing, or be read as absent for
                    // a number or a day: either way not what its sender meant, so it is refused like a misspelt name.
                    var empty = new Validator();
                    foreach (var name in request.Query.Keys.Where(k => request.Query[k].All(string.IsNullOrWhiteSpace)).Order(StringComparer.Ordinal))
                    {
                        empty.Rule(false, name, "not_empty", "is empty; give it a value or leave it out.");
                    }

                    if (!empty.Ok)
                    {
                        return ValueTask.FromResult<object?>(empty.ToProblem());
                    }

                    if (LooseValue(request.Query, days, timestamps) is { } loose)
                    {
                        return ValueTask.FromResult<object?>(loose);
                    }

                    var calendar = new Validator();
                    foreach (var (position, name) in days)
                    {
                        HorizonRules.CheckCalendar(calendar, name, context.Arguments[position] as DateOnly?);
                    }

                    return calendar.Ok ? next(context) : ValueTask.FromResult<object?>(calendar.ToProblem());
                }

                var v = new Validator();
                var names = taken.Where(Takes).Order(StringComparer.Ordinal).ToList();
                var takes = names.Count == 0 ? "it takes no query parameters" : $"it takes {string.Join(", ", names)}";
                foreach (var unknown in request.Query.Keys.Where(k => !Takes(k)).Order(StringComparer.Ordinal))
                {
                    v.Rule(false, unknown, "unknown_parameter", $"is not a query parameter of this endpoint; {takes}.");
                }

                return ValueTask.FromResult<object?>(v.ToProblem());
            };
        });

    private static List<(int Position, string Name)> Parameters(MethodInfo method, HashSet<string> taken, Type type) =>
        method.GetParameters()
            .Where(p => p.Name is not null && taken.Contains(p.Name) && (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == type)
            .Select(p => (p.Position, Name: p.Name!)).ToList();

    /// <summary>
    /// A day or timestamp the framework bound although it is not in the form the API documents: days bind by the invariant
    /// culture, so <c>12/10/2026</c> (10 December to some, 12 October to others) and <c>10 Dec 2026</c> would be taken, and a
    /// timestamp without an offset would be read in the server's time zone. Such a value is refused as one that does not bind.
    /// </summary>
    private static ProblemHttpResult? LooseValue(IQueryCollection query, List<(int Position, string Name)> days, List<(int Position, string Name)> timestamps)
    {
        foreach (var (_, name) in days)
        {
            if (query[name] is [{ } day] && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                return Malformed(name, day, "a calendar day yyyy-MM-dd");
            }
        }

        foreach (var (_, name) in timestamps)
        {
            if (query[name] is [{ } timestamp] && !IsoTimestamp.TryParse(timestamp, out _))
            {
                return Malformed(name, timestamp, IsoTimestamp.ExpectedInQuery(timestamp));
            }
        }

        return null;
    }

    private static ProblemHttpResult Malformed(string name, string value, string expected) =>
        TypedResults.Problem($"Parameter '{name}' must be {expected}, not '{(value.Length > 100 ? value[..100] + "..." : value)}'.", statusCode: 400, title: "Bad request",
            extensions: new Dictionary<string, object?>
            {
                ["code"] = ErrorCodes.MalformedRequest,
                ["errors"] = new Dictionary<string, string[]> { [name] = [$"invalid_value: {name} must be {expected}."] },
            });

    /// <summary>The query parameter names of a handler (case-insensitive, as minimal APIs bind them).</summary>
    private static HashSet<string> Taken(MethodInfo method) =>
        method.GetParameters()
            .Where(p => p.Name is not null && IsSimple(p.ParameterType)
                && p.GetCustomAttribute<FromRouteAttribute>() is null && p.GetCustomAttribute<FromBodyAttribute>() is null
                && p.GetCustomAttribute<FromHeaderAttribute>() is null && p.GetCustomAttribute<FromServicesAttribute>() is null
                && p.GetCustomAttribute<FromFormAttribute>() is null)
            .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    private static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t.IsArray)
        {
            return IsSimple(t.GetElementType()!);
        }

        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateOnly) || t == typeof(DateTime)
            || t == typeof(DateTimeOffset) || t == typeof(TimeOnly) || t == typeof(Guid);
    }
}
