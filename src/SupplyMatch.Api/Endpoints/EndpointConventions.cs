using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Problems;

namespace SupplyMatch.Api.Endpoints;

/// <summary>
/// An example request body shown in Swagger, built for the day (CST) the document is read: an example with days in it
/// would otherwise age into one the API refuses (a line whose latest day has passed) when sent as given.
/// </summary>
public sealed record RequestExample(Func<DateOnly, object> Build);

/// <summary>
/// The members of a JSON body that the endpoint's validation requires (a body without one answers 400 validation_failed with
/// rule required), documented as the required members of the operation's request body.
/// </summary>
public sealed record RequiredMembers(IReadOnlyList<string> Names);

/// <summary>An example response body shown in Swagger for a status.</summary>
public sealed record ResponseExample(int Status, object Value);

/// <summary>Paging of lists: <c>limit</c> items after the cursor <c>after</c> (an id), or from <c>offset</c>.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextAfter, int? Total = null);

public static class EndpointConventions
{
    public const int MaxLimit = 1000;

    /// <summary>
    /// Name, summary, description and the error responses (problem details) an endpoint can give; every endpoint may answer
    /// 400 (a query parameter it does not take), 401, 403 and 500.
    /// </summary>
    public static RouteHandlerBuilder Doc(this RouteHandlerBuilder builder, string name, string summary, string description, params int[] errors)
    {
        builder.WithName(name).WithSummary(summary).WithDescription(description);
        foreach (var status in errors.Append(400).Append(401).Append(403).Append(500).Distinct().Order())
        {
            if (status == 400)
            {
                builder.ProducesValidationProblem();
            }
            else
            {
                builder.ProducesProblem(status);
            }
        }

        return builder;
    }

    public static RouteHandlerBuilder Example(this RouteHandlerBuilder builder, object request) =>
        builder.WithMetadata(new RequestExample(_ => request));

    /// <summary>An example body with days in it, built from today (CST) when the document is read.</summary>
    public static RouteHandlerBuilder Example(this RouteHandlerBuilder builder, Func<DateOnly, object> request) =>
        builder.WithMetadata(new RequestExample(request));

    /// <summary>Documents the members of the JSON body that the endpoint requires.</summary>
    public static RouteHandlerBuilder Requires(this RouteHandlerBuilder builder, params IEnumerable<string> members) =>
        builder.WithMetadata(new RequiredMembers([.. members]));

    public static RouteHandlerBuilder ResponseSample(this RouteHandlerBuilder builder, int status, object response) =>
        builder.WithMetadata(new ResponseExample(status, response));

    /// <summary>Checks a page size (1..1000, default 100).</summary>
    public static int Limit(this Validator validator, int? limit) =>
        limit is null ? 100 : validator.Range("limit", limit, 1, MaxLimit);
}

/// <summary>The answer to a paging cursor (<c>after</c>, <c>before</c>) that names no item of the list it pages.</summary>
public static class Cursor
{
    public static ValidationProblem Unknown(string item, string parameter = "after", string? what = null)
    {
        var v = new Validator();
        v.Add(parameter, "cursor",
            $"must be {what ?? $"the nextAfter of an earlier page of this list (the id of a {item} in it)"}; no {item} of this list has this id.");
        return v.ToProblem();
    }
}
