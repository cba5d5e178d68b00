using SupplyMatch.Core.Matching;

namespace SupplyMatch.Storage;

/// <summary>Where a matching round is in its life.</summary>
public enum RoundStatus
{
    Queued,
    Running,
    Solved,
    Published,
    Failed,
    Cancelled,
}

/// <summary>What a planner (or a schedule) asks for when creating a round.</summary>
/// <param name="HorizonFrom">First delivery day (CST) the round plans.</param>
/// <param name="HorizonTo">Last delivery day (CST) the round plans.</param>
/// <param name="Cutoff">Lines submitted after this instant are left for a later round; snapshotted lines are frozen from it on.</param>
public sealed record NewRound(Guid Id, DateOnly HorizonFrom, DateOnly HorizonTo, DateTimeOffset Cutoff, MatchingSettings Settings, string? ScheduleId);

/// <summary>A round's state without its snapshot or result documents.</summary>
/// <param name="Worker">The worker that holds or last held the round ("server:run").</param>
public sealed record RoundRecord(
    Guid Id,
    RoundStatus Status,
    DateOnly HorizonFrom,
    DateOnly HorizonTo,
    DateTimeOffset Cutoff,
    int Lines,
    int Lots,
    string SnapshotSha256,
    string? ScheduleId,
    int Attempts,
    string? Error,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? PublishedAt,
    string SettingsJson,
    string? StatisticsJson,
    string? KpisJson,
    string? Worker);

/// <summary>The answer of <see cref="RoundStore.TryStartRoundAsync"/>.</summary>
public enum StartOutcome
{
    /// <summary>This worker holds the round's lease now and must solve it.</summary>
    Started,

    /// <summary>No such round.</summary>
    NotFound,

    /// <summary>The round is solved, published, failed or cancelled: nothing to do (a repeated job).</summary>
    AlreadyFinished,

    /// <summary>Another worker holds a live lease on the round.</summary>
    Busy,

    /// <summary>The round used up its attempts and has been marked failed.</summary>
    GaveUp,
}

/// <summary>Outcome of a planner's action on a round.</summary>
public enum RoundAction
{
    Done,
    NotFound,

    /// <summary>The round's status does not allow the action (e.g. publishing an unsolved round).</summary>
    WrongStatus,
}

/// <summary>Filters of a round's allocations; null means any.</summary>
public sealed record AllocationFilter(string? BuyerId, string? BaseId, string? ProductCode, DateOnly? Day);

/// <summary>An allocation row of a stored round result.</summary>
public sealed record StoredAllocation(int Seq, Allocation Allocation);
