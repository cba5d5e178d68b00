using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>What a feed carries: a buyer's demand lines or a base's harvest forecast lots.</summary>
public enum FeedKind
{
    Demand,
    Forecast,
}

/// <summary>How a file relates to what is stored.</summary>
public enum FeedMode
{
    /// <summary>The file is the owner's full current list: lines (lots) missing from it are cancelled unless a round holds them.</summary>
    Snapshot,

    /// <summary>Only the rows present are created or updated; nothing is cancelled.</summary>
    Incremental,
}

/// <summary>Outcome of one pull.</summary>
public enum FeedRunStatus
{
    Running,

    /// <summary>The file was read and merged (rows may still have been rejected).</summary>
    Succeeded,

    /// <summary>The server answered 304 Not Modified to the conditional GET.</summary>
    NotModified,

    /// <summary>The body is byte for byte the one merged last time: nothing to do.</summary>
    Unchanged,

    /// <summary>Nothing was changed: HTTP error, timeout, oversized or unreadable file.</summary>
    Failed,

    /// <summary>Another pull of the same feed was running.</summary>
    Skipped,
}

/// <summary>A registered feed as the API shows it. The auth header's value is stored but never part of this record.</summary>
/// <param name="OwnerId">The buyer (demand) or base (forecast) whose lines or lots the feed writes.</param>
/// <param name="Cron">Five-field cron in China Standard Time.</param>
/// <param name="AuthHeaderName">Name of the header sent with each request (e.g. Authorization), when one is set.</param>
/// <param name="HasAuthHeaderValue">Whether a value (a secret) is stored for that header.</param>
public sealed record Feed(
    string Id, FeedKind Kind, string OwnerId, string Url, FeedFormat Format, string Cron, FeedMode Mode, string? AuthHeaderName,
    bool HasAuthHeaderValue, bool Enabled, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    /// <summary>"buyer" for demand feeds, "base" for forecast feeds.</summary>
    public string OwnerRole => Kind == FeedKind.Demand ? Roles.Buyer : Roles.Base;
}

/// <summary>The settings of a feed as a planner sets them; a null secret keeps the stored one, a null header name removes both.</summary>
public sealed record FeedSettings(
    string Url, FeedFormat Format, string Cron, FeedMode Mode, string? AuthHeaderName, string? AuthHeaderValue, bool Enabled);

/// <summary>What a pull needs besides the feed: the auth header's value and the validators of the last merged body.</summary>
/// <param name="AuthHeaderValue">The decrypted secret; null when none is set or it cannot be decrypted.</param>
/// <param name="AuthHeaderUnreadable">A secret is stored but this key ring cannot decrypt it (its key is missing, or the value was altered).</param>
public sealed record FeedPullState(
    Feed Feed, string? AuthHeaderValue, string? ETag, string? LastModified, string? BodySha256, bool AuthHeaderUnreadable = false);

/// <summary>Row counts of a run.</summary>
/// <param name="Read">Data rows in the file.</param>
/// <param name="Kept">Lines (lots) missing from a snapshot that stay because a round holds them.</param>
public sealed record FeedRunCounts(int Read, int Created, int Updated, int Unchanged, int Cancelled, int Kept, int Rejected)
{
    public static FeedRunCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);
}

/// <summary>One pull of a feed.</summary>
/// <param name="Trigger">"schedule" or "manual".</param>
/// <param name="Attempts">HTTP requests made (retries included).</param>
/// <param name="Bytes">Size of the body received.</param>
/// <param name="Error">Why the run failed or was skipped, in English.</param>
/// <param name="ErrorCode">The stable code of <paramref name="Error"/> (<see cref="FeedRunError"/>); null for runs stored before schema version 9.</param>
/// <param name="ErrorParams">The specifics of <paramref name="ErrorCode"/> by name; null when it is.</param>
public sealed record FeedRun(
    Guid Id, string FeedId, string Trigger, FeedRunStatus Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int? HttpStatus,
    int Attempts, long? Bytes, FeedRunCounts Counts, string? Error, string? ErrorCode = null, IReadOnlyDictionary<string, string>? ErrorParams = null);

/// <summary>One problem of a rejected row: its row number (JSON: element number), the owner's id when known, the column and the reason.</summary>
/// <param name="Row">Row 1 is a CSV file's header; row 0 is the whole file.</param>
/// <param name="Message">The reason in English.</param>
/// <param name="Code">The stable code of the problem (data/README.md, "Row problems"); null for rows stored before codes were kept.</param>
/// <param name="ReasonZh">The reason in Chinese, with the same specifics; null when <paramref name="Code"/> is.</param>
public sealed record FeedRejection(int Row, string? ExternalId, string? Column, string Message, string? Code = null, string? ReasonZh = null)
{
    /// <summary>A problem of the catalogue at a row.</summary>
    public static FeedRejection Of(int row, string? externalId, string? column, RowReason reason) =>
        new(row, externalId, column, reason.English, reason.Code, reason.Chinese);

    /// <summary>A problem the file reader found in row <paramref name="row"/> (0: the whole file).</summary>
    public static FeedRejection Of(int row, string? externalId, DataError error) =>
        new(row, externalId, error.Column, error.Message, error.Code, error.MessageZh);
}

/// <summary>The end of a run: status, HTTP facts, counts and rejected rows; validators are stored only with a merged body.</summary>
public sealed record FeedRunEnd(
    FeedRunStatus Status, int? HttpStatus, int Attempts, long? Bytes, FeedRunCounts Counts, FeedRunError? Error,
    IReadOnlyList<FeedRejection> Rejections, FeedValidators? Validators);

/// <summary>What identifies the last merged body: the server's ETag and Last-Modified, and the body's SHA-256.</summary>
public sealed record FeedValidators(string? ETag, string? LastModified, string? BodySha256)
{
    /// <summary>No validators: the next pull asks for the file without conditions and reads it in full.</summary>
    public static FeedValidators None { get; } = new(null, null, null);
}

/// <summary>Outcome of trying to start a run.</summary>
/// <param name="RunId">The new run, or (when busy) the run in progress.</param>
public sealed record FeedRunStart(bool Started, Guid RunId);
