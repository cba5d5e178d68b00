using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace SupplyMatch.Api.Problems;

/// <summary>Problem results with a stable code, for endpoint handlers.</summary>
public static class Problem
{
    public static ProblemHttpResult Of(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static ProblemHttpResult NotFound(string what, string id) =>
        Of(404, ErrorCodes.NotFound, "Not found", $"{what} '{id}' does not exist or is not yours.");

    public static ProblemHttpResult Conflict(string code, string detail) => Of(409, code, "Conflict", detail);

    /// <summary>A request without the JSON body its endpoint takes (never naming the C# parameter, as the framework would).</summary>
    public static ProblemHttpResult BodyRequired() => TypedResults.Problem(BodyRequiredDetails());

    /// <summary>The problem <see cref="BodyRequired"/> answers, for the exception handler.</summary>
    public static ProblemDetails BodyRequiredDetails() => new()
    {
        Status = 400, Title = "Body required", Detail = "The request body is required (JSON).",
        Extensions =
        {
            ["code"] = ErrorCodes.MalformedRequest,
            ["errors"] = new Dictionary<string, string[]> { ["$"] = ["required: the request body is required (JSON)."] },
        },
    };
}

/// <summary>Writes a problem response outside an endpoint (authentication, middleware).</summary>
public static class ProblemWriter
{
    public static async Task WriteAsync(HttpContext context, int status, string code, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } };
        var service = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        await service.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}

public static class ProblemSetup
{
    /// <summary>RFC 7807 everywhere: every problem carries a code and the trace id; nothing internal leaks.</summary>
    public static IServiceCollection AddSupplyMatchProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var status = c.ProblemDetails.Status ?? c.HttpContext.Response.StatusCode;
            c.ProblemDetails.Extensions.TryAdd("code", ErrorCodes.ForStatus(status));
            c.ProblemDetails.Extensions["traceId"] = c.HttpContext.TraceIdentifier;
            c.ProblemDetails.Detail ??= DefaultDetail(status, c.HttpContext.Request);
        });
        services.AddExceptionHandler<ProblemExceptionHandler>();
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>What a problem that no handler described says (a path that matches no endpoint, a method it does not take).</summary>
    private static string DefaultDetail(int status, HttpRequest request) => status switch
    {
        404 => $"Nothing is at {request.Method} {request.Path}: it is not an endpoint of this API, or an id in it has the wrong form (ids of rounds, feed runs and API keys are GUIDs).",
        405 => $"{request.Path} does not take {request.Method}.",
        401 => "Send an API key in the X-Api-Key header.",
        403 => "This API key's role may not do this.",
        415 => MediaTypeRefusal.Detail(request),
        _ => $"The request failed with status {status}.",
    };

    public static void UseSupplyMatchProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}

/// <summary>
/// Turns exceptions into problems: a bad request (malformed JSON, wrong value types, oversized body) into a 4xx naming
/// the JSON path when known; anything else into a 500 that says nothing about the internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var context = httpContext;
        var problem = exception switch
        {
            BadHttpRequestException bad => BadRequest(context, bad),
            _ => null,
        };
        if (problem is null)
        {
            logger.LogError(exception, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            problem = new ProblemDetails
            {
                Status = 500,
                Title = "Internal error",
                Detail = "The request could not be completed. Quote the trace id when reporting this.",
                Extensions = { ["code"] = ErrorCodes.Internal },
            };
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails BadRequest(HttpContext context, BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = 413, Title = "Payload too large", Detail = "The request body exceeds the size limit.",
                Extensions = { ["code"] = ErrorCodes.PayloadTooLarge },
            };
        }

        var problem = new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = "Bad request",
            Detail = SafeMessage(bad),
            Extensions = { ["code"] = bad.StatusCode == 415 ? ErrorCodes.UnsupportedMediaType : ErrorCodes.MalformedRequest },
        };
        if (bad.InnerException is JsonException json)
        {
            DescribeJson(context, problem, json);
        }
        else if (JsonBodyFailure.IsMissingBody(bad.Message))
        {
            return Problem.BodyRequiredDetails();
        }
        else if (BindFailure.Describe(bad.Message) is { } binding)
        {
            problem.Detail = binding.Detail;
            problem.Extensions["errors"] = new Dictionary<string, string[]> { [binding.Name] = [binding.Error] };
        }

        return problem;
    }

    /// <summary>A body that is not JSON says where it breaks; a value of the wrong type says what its field must be.</summary>
    private static void DescribeJson(HttpContext context, ProblemDetails problem, JsonException json)
    {
        problem.Title = "Malformed JSON body";
        var path = json.Path ?? "$";
        if (JsonBodyFailure.IsSyntax(json))
        {
            problem.Detail = $"The body is not valid JSON{JsonBodyFailure.Where(json)}: it breaks JSON syntax or ends early.";
            problem.Extensions["errors"] = new Dictionary<string, string[]> { ["$"] = [$"invalid_json: the body is not valid JSON{JsonBodyFailure.Where(json)}."] };
            return;
        }

        var field = path == "$" ? "the body" : path.TrimStart('$', '.');
        var bodyType = context.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var options = context.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        var expected = (bodyType is null ? null : JsonBodyFailure.Expected(bodyType, path, options)) ?? "must be a value of the documented type";
        problem.Detail = path == "$" ? $"The body {expected}." : $"Field '{field}' of the body {expected}.";
        problem.Extensions["errors"] = new Dictionary<string, string[]> { [path] = [$"{JsonBodyFailure.Rule(expected)}: {field} {expected}."] };
    }

    // Framework messages name the parameter and the expected type, never internals, e.g. "Failed to bind parameter ...".
    private static string SafeMessage(BadHttpRequestException bad) => bad.Message.Length > 300 ? bad.Message[..300] : bad.Message;
}
