using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A feed as a planner registers it.</summary>
/// <param name="Id">Optional; generated when omitted (letters, digits, '-', '_', '.').</param>
/// <param name="Kind">demand (a buyer's lines) or forecast (a base's lots); fixed once created.</param>
/// <param name="OwnerId">The buyer (demand) or base (forecast) the feed writes for; fixed once created.</param>
/// <param name="Url">http or https URL of the file.</param>
/// <param name="Format">json (an array of objects) or csv (header row, English or Chinese column names).</param>
/// <param name="Cron">Five-field cron in China Standard Time, e.g. "*/30 * * * *".</param>
/// <param name="Mode">snapshot (the file is the full list: missing lines are cancelled) or incremental (only rows present are touched).</param>
/// <param name="AuthHeaderName">Header sent with each request, e.g. "Authorization"; null for none.</param>
/// <param name="AuthHeaderValue">The header's value (a secret): stored encrypted, never returned. Omit on update to keep the stored one.</param>
/// <param name="Enabled">Default true; a disabled feed has no schedule but can still be pulled now.</param>
public sealed record FeedBody(
    string? Id, FeedKind? Kind, string? OwnerId, string? Url, FeedFormat? Format, string? Cron, FeedMode? Mode,
    string? AuthHeaderName, string? AuthHeaderValue, bool? Enabled);

/// <summary>A registered feed (its auth header's value is never shown) with its latest run.</summary>
/// <param name="HasAuthHeaderValue">Whether a value (a secret) is stored for the auth header.</param>
public sealed record FeedView(
    string Id, FeedKind Kind, string OwnerId, string Url, FeedFormat Format, string Cron, FeedMode Mode, string? AuthHeaderName,
    bool HasAuthHeaderValue, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, FeedRun? LastRun)
{
    public static FeedView From(Feed f, FeedRun? last) =>
        new(f.Id, f.Kind, f.OwnerId, f.Url, f.Format, f.Cron, f.Mode, f.AuthHeaderName, f.HasAuthHeaderValue, f.Enabled, f.CreatedAt, f.UpdatedAt, last);
}

/// <summary>A pull queued by "pull now".</summary>
/// <param name="JobId">The Hangfire job (see /hangfire).</param>
public sealed record FeedPullQueued(string FeedId, string JobId);

/// <summary>Checks a feed body field by field.</summary>
public static class FeedBodyRules
{
    public static FeedSettings Read(Validator v, FeedBody body)
    {
        var url = v.Text("url", body.Url, 2_000);
        v.Rule(url.Length == 0 || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0),
            "url", "http_url", "must be an absolute http or https URL.");
        var cron = v.Text("cron", body.Cron, 100);
        v.Rule(cron.Length == 0 || RoundScheduler.IsValidCron(cron), "cron", "cron_format", "must be a five-field cron expression (minute hour day month weekday).");
        v.Rule(cron.Length == 0 || !RoundScheduler.IsValidCron(cron) || RoundScheduler.CronFires(cron), "cron", "cron_never_fires",
            "never fires (no day matches it, e.g. the 31st of February); choose days that exist.");
        var header = body.AuthHeaderName is null ? null : v.Text("authHeaderName", body.AuthHeaderName, 100);
        v.Rule(header is null || header.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c)), "authHeaderName", "header_name",
            "must be an HTTP header name (letters, digits and !#$%&'*+-.^_`|~).");
        var secret = body.AuthHeaderValue;
        v.Rule(secret is null || (secret.Length <= 4_000 && !secret.Any(char.IsControl)), "authHeaderValue", "header_value",
            "must be at most 4000 characters without control characters.");
        v.Rule(secret is null || header is not null, "authHeaderName", "required", "is required when authHeaderValue is given.");
        return new FeedSettings(url, v.Required("format", body.Format), cron, v.Required("mode", body.Mode), header, secret, body.Enabled ?? true);
    }
}
