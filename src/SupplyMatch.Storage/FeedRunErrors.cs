using System.Globalization;
using System.Text.Json;

namespace SupplyMatch.Storage;

/// <summary>
/// Why a run failed (or was skipped): a stable <see cref="Code"/> with its <see cref="Parameters"/>, which the dashboard
/// renders in the reader's language, and the English <see cref="Message"/> API clients read. Codes keep their meaning;
/// README.md, "Feeds", lists them.
/// </summary>
public sealed record FeedRunError(string Code, IReadOnlyDictionary<string, string> Parameters, string Message)
{
    private static readonly IReadOnlyDictionary<string, string> None = new Dictionary<string, string>();

    /// <summary>The pull stopped (its worker died or could not renew the lease) and another run took the feed over.</summary>
    public static FeedRunError LeaseLost { get; } = new("lease_lost", None,
        "The pull stopped before finishing (its worker stopped or could not renew its lease); nothing of it was kept.");

    /// <summary>The feed's auth header value cannot be decrypted with this key ring.</summary>
    public static FeedRunError AuthHeaderUnreadable { get; } = new("auth_header_unreadable", None,
        "The feed's auth header value cannot be decrypted with this service's data protection keys (the key ring in table "
        + "data_protection_keys lacks its key, or the value was altered); set authHeaderValue again. Nothing was fetched or changed.");

    /// <summary>The service stopped while the pull worked.</summary>
    public static FeedRunError ServiceStopped { get; } = new("service_stopped", None,
        "The pull failed: the service stopped during the pull; nothing was changed.");

    /// <summary>Another pull of the feed held it.</summary>
    public static FeedRunError PullRunning(Guid running) => new("pull_running", Of(("run", running.ToString())),
        $"A pull of this feed is already running (run {running}); this one was skipped.");

    /// <summary>An error the pull did not expect, named by its type only.</summary>
    public static FeedRunError Unexpected(string type) => new("unexpected_error", Of(("type", type)),
        $"The pull failed: unexpected error ({type}); nothing was changed.");

    /// <summary>The file could not be fetched: <paramref name="cause"/> says why (a fetch code with its own parameters).</summary>
    public static FeedRunError NotFetched(FetchFailure cause, int attempts)
    {
        var parameters = cause.Parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (attempts > 1)
        {
            parameters["attempts"] = attempts.ToString(CultureInfo.InvariantCulture);
        }

        var tries = attempts > 1 ? $" ({attempts} attempts)" : "";
        return new(cause.Code, parameters, $"The file could not be fetched: {cause.Message}{tries}; nothing was changed.");
    }

    /// <summary>The file was fetched but cannot be read; <paramref name="reasons"/> and <paramref name="reasonsZh"/> are its first problems.</summary>
    public static FeedRunError Unreadable(string reasons, string reasonsZh) => new("file_unreadable", Of(("reasons", reasons), ("reasonsZh", reasonsZh)),
        $"The file cannot be read, so nothing was changed: {reasons}");

    /// <summary>The parameters as stored: a JSON object of strings.</summary>
    public string ParametersJson() => JsonSerializer.Serialize(Parameters);

    /// <summary>Parameters read back from the store; an empty object for none.</summary>
    public static IReadOnlyDictionary<string, string> ParseParameters(string? json) =>
        string.IsNullOrEmpty(json) ? None : JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();

    private static Dictionary<string, string> Of(params (string Name, string Value)[] parameters) =>
        parameters.ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
}

/// <summary>Why a fetch failed: its code (a <see cref="FeedRunError"/> code), parameters and the English cause.</summary>
public sealed record FetchFailure(string Code, IReadOnlyDictionary<string, string> Parameters, string Message)
{
    /// <summary>The feed server answered an error status.</summary>
    public static FetchFailure HttpStatus(int status, string? reason) => new("http_error",
        new Dictionary<string, string> { ["status"] = status.ToString(CultureInfo.InvariantCulture), ["reason"] = reason ?? "" },
        $"the feed server answered {status} {reason}".TrimEnd());

    /// <summary>The body is larger than the limit.</summary>
    public static FetchFailure TooLarge(long limit) => new("body_too_large",
        new Dictionary<string, string> { ["limit"] = limit.ToString(CultureInfo.InvariantCulture) },
        $"the body is larger than the limit of {limit.ToString("N0", CultureInfo.InvariantCulture)} bytes");

    /// <summary>A web page answered with 200 where the file was expected (a sign-in or error page).</summary>
    public static FetchFailure WebPage(string contentType, string format) => new("web_page",
        new Dictionary<string, string> { ["contentType"] = contentType, ["format"] = format },
        $"the feed server answered with an HTML or XML page (Content-Type {contentType}), not a {format} file; it may be a sign-in or error page: check the URL and the auth header");

    /// <summary>No complete answer in time.</summary>
    public static FetchFailure Timeout(TimeSpan limit)
    {
        var seconds = limit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
        return new("timeout", new Dictionary<string, string> { ["seconds"] = seconds }, $"no complete answer within {seconds} s");
    }

    /// <summary>
    /// The request failed before an answer: <paramref name="cause"/> is one of <see cref="RequestCauses"/> (which the
    /// dashboard says in the reader's language), <paramref name="detail"/> the network stack's own text.
    /// </summary>
    public static FetchFailure RequestFailed(string cause, string detail) => new("request_failed",
        new Dictionary<string, string> { ["cause"] = cause, ["detail"] = detail }, $"the request failed: {detail}");

    /// <summary>The causes of <c>request_failed</c>, from the most specific the network stack tells apart.</summary>
    public static IReadOnlyList<string> RequestCauses { get; } = ["name_resolution", "connection", "tls", "proxy", "bad_response", "other"];
}
