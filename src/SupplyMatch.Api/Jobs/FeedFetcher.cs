using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Infrastructure;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Jobs;

/// <summary>What to fetch: the URL, the auth header, and the validators of the body merged last time.</summary>
public sealed record FetchRequest(string Url, FeedFormat Format, string? AuthHeaderName, string? AuthHeaderValue, string? ETag, string? LastModified);

public enum FetchOutcome
{
    Body,
    NotModified,
    Failed,
}

/// <summary>The answer of a conditional GET after retries.</summary>
public sealed record FetchResult(FetchOutcome Outcome, int? HttpStatus, int Attempts, byte[]? Body, string? ETag, string? LastModified, FetchFailure? Error);

/// <summary>
/// Fetches a feed with a conditional GET (If-None-Match / If-Modified-Since), a timeout per request and a body size
/// limit. Network errors, timeouts and 5xx answers are retried with a doubling delay; 4xx answers and oversized bodies
/// are not (the same request would fail the same way).
/// </summary>
public sealed class FeedFetcher(IHttpClientFactory factory, IOptions<FeedOptions> options, TimeProvider clock)
{
    public const string ClientName = "feeds";

    public async Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken ct)
    {
        var o = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            var (result, retry) = await TryOnceAsync(request, attempt, o, ct);
            if (!retry || attempt >= o.Attempts)
            {
                return result;
            }

            await Task.Delay(o.RetryDelay * Math.Pow(2, attempt - 1), clock, ct);
        }
    }

    private async Task<(FetchResult Result, bool Retry)> TryOnceAsync(FetchRequest request, int attempt, FeedOptions o, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(o.Timeout);
        using var message = Build(request);
        try
        {
            using var response = await factory.CreateClient(ClientName).SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            if (status == 304)
            {
                return (new FetchResult(FetchOutcome.NotModified, status, attempt, null, request.ETag, request.LastModified, null), false);
            }

            if (status is < 200 or > 299)
            {
                return (Failed(status, attempt, FetchFailure.HttpStatus(status, response.ReasonPhrase)), status >= 500);
            }

            var length = response.Content.Headers.ContentLength;
            var body = length > o.MaxBodyBytes ? null : await ReadLimitedAsync(response.Content, o.MaxBodyBytes, timeout.Token);
            if (body is null)
            {
                return (Failed(status, attempt, FetchFailure.TooLarge(o.MaxBodyBytes)), false);
            }

            if (IsMarkup(body))
            {
                // A sign-in page, a proxy's error page or a storage service's XML error answered with 200: not the file.
                var type = response.Content.Headers.ContentType?.MediaType ?? "none";
                return (Failed(status, attempt, FetchFailure.WebPage(type, request.Format == FeedFormat.Json ? "JSON" : "CSV")), false);
            }

            var lastModified = response.Content.Headers.TryGetValues("Last-Modified", out var values) ? values.FirstOrDefault() : null;
            return (new FetchResult(FetchOutcome.Body, status, attempt, body, response.Headers.ETag?.ToString(), lastModified, null), false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (Failed(null, attempt, FetchFailure.Timeout(o.Timeout)), true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return (Failed(null, attempt, FetchFailure.RequestFailed(Cause(e), e.Message)), true);
        }
    }

    /// <summary>What went wrong, as far as the network stack tells (one of <see cref="FetchFailure.RequestCauses"/>).</summary>
    private static string Cause(Exception e) => e is HttpRequestException http ? http.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => "name_resolution",
        HttpRequestError.ConnectionError => "connection",
        HttpRequestError.SecureConnectionError => "tls",
        HttpRequestError.ProxyTunnelError => "proxy",
        HttpRequestError.ResponseEnded or HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError
            or HttpRequestError.ExtendedConnectNotSupported or HttpRequestError.VersionNegotiationError => "bad_response",
        _ => "other",
    } : "other";

    private static HttpRequestMessage Build(FetchRequest request)
    {
        var message = new HttpRequestMessage(HttpMethod.Get, request.Url);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Format == FeedFormat.Json ? "application/json" : "text/csv"));
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.5));
        if (request.ETag is not null)
        {
            message.Headers.TryAddWithoutValidation("If-None-Match", request.ETag);
        }

        if (request.LastModified is not null)
        {
            message.Headers.TryAddWithoutValidation("If-Modified-Since", request.LastModified);
        }

        if (request.AuthHeaderName is not null && request.AuthHeaderValue is not null)
        {
            message.Headers.TryAddWithoutValidation(request.AuthHeaderName, request.AuthHeaderValue);
        }

        return message;
    }

    /// <summary>The body, or null once it grows past <paramref name="max"/> bytes (the rest is not read).</summary>
    private static async Task<byte[]?> ReadLimitedAsync(HttpContent content, long max, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[81_920];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Whether a body is a web page rather than a feed file: its first character after a byte order mark and white space
    /// is '&lt;', which neither a CSV header nor a JSON array starts with.
    /// </summary>
    internal static bool IsMarkup(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var start = body.IndexOfAnyExcept(" \t\r\n"u8);
        return start >= 0 && body[start] == (byte)'<';
    }

    private static FetchResult Failed(int? status, int attempt, FetchFailure error) => new(FetchOutcome.Failed, status, attempt, null, null, null, error);
}
