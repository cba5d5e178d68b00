using System.Security.Cryptography;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>Refuses requests whose path or query holds control characters.</summary>
/// <remarks>Kept next to the idempotency middleware: both guard the API before any handler runs.</remarks>
/// <summary>
/// Honours the Idempotency-Key header on POSTs under /api/v1: the first request with a key runs and its response is
/// stored (per API key); a retry with the same key and body gets the stored response; the same key with a different
/// body is refused with 422. Unexpected failures (5xx) release the key so that a retry runs again.
/// </summary>
public sealed class ControlCharacterGuard(RequestDelegate next)
{
    /// <summary>Refuses NUL and other control characters in the path or query: the database would reject them deep inside.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var query = Uri.UnescapeDataString(context.Request.QueryString.Value ?? "");
        if (path.Any(char.IsControl) || query.Any(char.IsControl))
        {
            await ProblemWriter.WriteAsync(context, 400, ErrorCodes.MalformedRequest, "Malformed request", "The path or query contains control characters.");
            return;
        }

        await next(context);
    }
}

public sealed class IdempotencyMiddleware(RequestDelegate next)
{
    public const string Header = "Idempotency-Key";

    public async Task InvokeAsync(HttpContext context, IdempotencyStore store)
    {
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Path.StartsWithSegments("/api/v1")
            || !context.Request.Headers.TryGetValue(Header, out var values) || context.User.Identity?.IsAuthenticated != true)
        {
            await next(context);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 200)
        {
            // validation_failed as everywhere: with errors and violations naming the header and the rule.
            await new Validator().Add(Header, "length", "must hold 1 to 200 characters.").ToProblem().ExecuteAsync(context);
            return;
        }

        var owner = context.User.Actor().KeyId;
        var hash = await HashAsync(context.Request);
        var (state, stored) = await store.BeginAsync(owner, key, hash, context.RequestAborted);
        switch (state)
        {
            case IdempotencyState.Replay:
                await ReplayAsync(context, stored!);
                return;
            case IdempotencyState.Mismatch:
                await ProblemWriter.WriteAsync(context, 422, ErrorCodes.IdempotencyKeyReused, "Idempotency key reused",
                    "This Idempotency-Key was used for a different request; use a new key for a new request.");
                return;
            case IdempotencyState.InProgress:
                await ProblemWriter.WriteAsync(context, 409, ErrorCodes.IdempotencyInProgress, "Request in progress",
                    "A request with this Idempotency-Key is still being processed; retry shortly.");
                return;
        }

        await RunAndStoreAsync(context, store, owner, key);
    }

    private async Task RunAndStoreAsync(HttpContext context, IdempotencyStore store, string owner, string key)
    {
        var original = context.Response.Body;
        await using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        try
        {
            await next(context);
        }
        catch
        {
            context.Response.Body = original;
            await store.AbandonAsync(owner, key, CancellationToken.None);
            throw;
        }

        context.Response.Body = original;
        var response = new StoredResponse(context.Response.StatusCode, context.Response.ContentType, context.Response.Headers.Location.ToString(), buffer.ToArray());
        if (response.StatusCode >= 500)
        {
            await store.AbandonAsync(owner, key, CancellationToken.None);
        }
        else
        {
            await store.CompleteAsync(owner, key, response with { Location = string.IsNullOrEmpty(response.Location) ? null : response.Location }, CancellationToken.None);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, context.RequestAborted);
    }

    private static async Task ReplayAsync(HttpContext context, StoredResponse stored)
    {
        context.Response.StatusCode = stored.StatusCode;
        context.Response.ContentType = stored.ContentType;
        if (stored.Location is not null)
        {
            context.Response.Headers.Location = stored.Location;
        }

        context.Response.Headers["Idempotent-Replayed"] = "true";
        await context.Response.Body.WriteAsync(stored.Body, context.RequestAborted);
    }

    private static async Task<string> HashAsync(HttpRequest request)
    {
        request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            sha.AppendData(chunk, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
