using SupplyMatch.Core.Logistics;
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
/// <param name="Logistics">Whole-truck logistics planning after the allocation; null (or not enabled) = allocation only.</param>
/// <param name="EarliestShipDay">
/// First day (CST) a truck may leave: the snapshot cuts lots' ship windows to start no earlier and leaves out lots whose
/// window ends before it. Null = no cut (a round over past days, for analysis).
/// </param>
public sealed record NewRound(
    Guid Id, DateOnly HorizonFrom, DateOnly HorizonTo, DateTimeOffset Cutoff, MatchingSettings Settings, string? ScheduleId, RoundLogistics? Logistics = null,
    DateOnly? EarliestShipDay = null);

/// <summary>
/// The logistics parameter of a round: whether the round job plans whole trucks, routes and pickups after the allocation
/// (MODEL.md "Logistics"), and the few settings a planner may change. Omitted fields take the defaults shown.
/// </summary>
/// <param name="Enabled">Plan logistics after the allocation (default false: allocation only).</param>
/// <param name="TimeLimitSeconds">Time limit of the logistics solver, 1..3600 s; null = the round's timeLimitSeconds.</param>
/// <param name="Workers">Solver threads, 1..16; null = the round's workers.</param>
/// <param name="UseHubs">Offer paths through origin hubs and GBA distribution centres (false = direct trucks only).</param>
/// <param name="RouteDeliveries">Route the deliveries from distribution centres (one VRPTW per centre and day).</param>
public sealed record RoundLogistics(bool Enabled = false, double? TimeLimitSeconds = null, int? Workers = null, bool UseHubs = true, bool RouteDeliveries = true)
{
    /// <summary>The Core settings of this parameter (defaults for everything a planner does not set).</summary>
    public LogisticsSettings ToSettings() => new()
    {
        TimeLimitSeconds = TimeLimitSeconds,
        Workers = Workers,
        UseHubs = UseHubs,
        RouteDeliveries = RouteDeliveries,
    };
}

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
    string? Worker)
{
    /// <summary>The round's logistics parameter; null when the round plans no logistics.</summary>
    public RoundLogistics? Logistics { get; init; }

    /// <summary>True once the logistics result is stored (the round is solved with logistics).</summary>
    public bool HasLogistics { get; init; }

    /// <summary>First day (CST) the round lets a truck leave; null when its lots keep their whole ship windows.</summary>
    public DateOnly? EarliestShipDay { get; init; }
}

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

    /// <summary>
    /// The round's plan no longer fits its inputs: a lot it sells from was revised below the plan's kg or cancelled after
    /// the snapshot (see <see cref="PublishOutcome.Shortfalls"/>). Nothing changed.
    /// </summary>
    InputsChanged,
}

/// <summary>A lot that a round's binding plan takes <paramref name="PlannedKg"/> of, while it now holds <paramref name="AvailableKg"/> or is cancelled.</summary>
public sealed record LotShortfall(string LotId, int PlannedKg, int AvailableKg, bool Cancelled);

/// <summary>The outcome of publishing a round, with the lots that stopped it when its inputs changed.</summary>
public sealed record PublishOutcome(RoundAction Action, IReadOnlyList<LotShortfall> Shortfalls);

/// <summary>Filters of a round's allocations; null means any.</summary>
public sealed record AllocationFilter(string? BuyerId, string? BaseId, string? ProductCode, DateOnly? Day);

/// <summary>An allocation row of a stored round result.</summary>
public sealed record StoredAllocation(int Seq, Allocation Allocation);
