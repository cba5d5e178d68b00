namespace SupplyMatch.Core.Logistics;

/// <summary>Which solver improves the whole-truck plan.</summary>
public enum LogisticsEngine
{
    /// <summary>
    /// One MIP model when the model kept every candidate arc and is small (<see cref="LogisticsSettings.FullModelMaxArcs"/>),
    /// then neighbourhoods on the work it leaves; else neighbourhood search alone. On a restricted model one MIP over every
    /// retained arc proves nothing more than a neighbourhood and spends the budget on one root (bench/README.md, "Logistics").
    /// </summary>
    Auto,

    /// <summary>One MIP model over every retained arc, under the time limit.</summary>
    FullModel,

    /// <summary>LP-guided large-neighbourhood search: re-optimise groups of lines with the MIP solver while the rest stays fixed.</summary>
    NeighbourhoodSearch,

    /// <summary>No improvement: the LP answer rounded to whole trucks, repaired and refilled (no slope scaling, no search).</summary>
    RoundedLp,
}

/// <summary>Which mixed-integer solver solves the integer model and its neighbourhoods.</summary>
public enum MipSolver
{
    /// <summary>SCIP through the OR-Tools linear solver (one thread): the better bounds and plans on this model (bench/README.md, "Logistics").</summary>
    Scip,

    /// <summary>CP-SAT with the configured worker count.</summary>
    CpSat,
}

/// <summary>
/// Parameters of whole-truck logistics planning (MODEL.md "Logistics"). The time limit and worker count come from
/// <see cref="Matching.MatchingSettings"/> unless overridden here.
/// </summary>
public sealed record LogisticsSettings
{
    /// <summary>Improvement engine.</summary>
    public LogisticsEngine Engine { get; init; } = LogisticsEngine.Auto;

    /// <summary>Mixed-integer solver for the integer model and its neighbourhoods.</summary>
    public MipSolver Solver { get; init; } = MipSolver.Scip;

    /// <summary>
    /// Wall-clock cap, seconds; null = <c>MatchingSettings.TimeLimitSeconds</c>. The search itself stops on
    /// <see cref="WorkLimit"/>; the clock only cuts short a run the machine is too slow or too busy for.
    /// </summary>
    public double? TimeLimitSeconds { get; init; }

    /// <summary>
    /// Deterministic work budget of the whole plan, in work units (about a microsecond each on the reference machine);
    /// null = <see cref="WorkUnitsPerSecond"/> x the time limit. The same problem and settings give the same plan whenever
    /// this, not the clock, ends the search (<see cref="LogisticsStatistics.ClockLimited"/> tells which).
    /// </summary>
    public long? WorkLimit { get; init; }

    /// <summary>Work units granted per second of the time limit when <see cref="WorkLimit"/> is not set (leaves the clock some slack).</summary>
    public const double WorkUnitsPerSecond = 750_000;

    /// <summary>Worker threads; null = <c>MatchingSettings.Workers</c>.</summary>
    public int? Workers { get; init; }

    /// <summary>Stop as soon as the proven gap (objective against the best bound) is at most this, %.</summary>
    public double TargetGapPercent { get; init; } = 0.5;

    /// <summary>
    /// Arcs kept per line for the integer model: the cheapest ones at the relaxation's prices (paths and ship days
    /// count separately), plus every variant of the (lot, line) pairs the LP uses.
    /// </summary>
    public int CandidatesPerLine { get; init; } = 8;

    /// <summary>
    /// Candidate arcs up to which every one is kept when the arcs <see cref="CandidatesPerLine"/> keeps would fit in one
    /// neighbourhood (<see cref="NeighbourhoodArcs"/>): the integer model is then the whole problem, so
    /// <see cref="LogisticsEngine.Auto"/> solves it as one model whose bound counts, and a small problem ends on a proof
    /// instead of neighbourhoods that re-solve the whole restricted model until the time limit. 0 = always restrict.
    /// </summary>
    public int CompleteArcs { get; init; } = 4_000;

    /// <summary>Whether every feasible ship day is a candidate (true) or only the earliest, as in the allocation (false).</summary>
    public bool AnyShipDay { get; init; } = true;

    /// <summary>Whether paths through origin hubs and GBA distribution centres are offered (false = direct trucks only).</summary>
    public bool UseHubs { get; init; } = true;

    /// <summary>Hour of day (CST) from which feeders leave a base for its origin hub.</summary>
    public int PickupHour { get; init; } = 6;

    /// <summary>Largest vehicle allowed on city delivery runs from a distribution centre, kg (urban truck limits).</summary>
    public int LocalMaxCapacityKg { get; init; } = 8_000;

    /// <summary>Minutes at each delivery stop: fixed part.</summary>
    public int ServiceMinutes { get; init; } = 15;

    /// <summary>Minutes at each delivery stop per tonne unloaded.</summary>
    public int ServiceMinutesPerTonne { get; init; } = 6;

    /// <summary>Arcs up to which <see cref="LogisticsEngine.Auto"/> solves one MIP model (when the model kept every candidate arc).</summary>
    public int FullModelMaxArcs { get; init; } = 4_000;

    /// <summary>Free arcs per neighbourhood at the start (adapted while searching).</summary>
    public int NeighbourhoodArcs { get; init; } = 1_200;

    /// <summary>
    /// Work of one neighbourhood solve the search aims at, in seconds' worth of work units: neighbourhoods that prove their
    /// optimum in under half of it grow, those that reach <see cref="NeighbourhoodNodes"/> shrink. A solve is cut by the
    /// clock only at ten times this (at least 3 s), a guard against a runaway solve rather than a stop: a busy machine must
    /// not change the plan.
    /// </summary>
    public double NeighbourhoodSeconds { get; init; } = 2.0;

    /// <summary>Branch-and-bound nodes one neighbourhood solve may explore (a deterministic limit).</summary>
    public int NeighbourhoodNodes { get; init; } = 40;

    /// <summary>Share of the time left after the candidate arcs for slope scaling (the start plan).</summary>
    public double SlopeScalingShare { get; init; } = 0.4;

    /// <summary>Share of the time left after the candidate arcs for local search on the start plan.</summary>
    public double LocalSearchShare { get; init; } = 0.2;

    /// <summary>Share of the time left after the candidate arcs for raising the Lagrangian bound.</summary>
    public double BoundShare { get; init; } = 0.4;

    /// <summary>Whether the plan's deliveries from distribution centres are routed (one VRPTW per centre and day).</summary>
    public bool RouteDeliveries { get; init; } = true;

    /// <summary>Search time limit of one delivery routing problem (one centre, one day, one vehicle type), seconds.</summary>
    public double RoutingSecondsPerRun { get; init; } = 1.0;

    /// <summary>
    /// Solutions (accepted improvements) the search of one delivery routing problem may visit. A search that stops on this
    /// count or at its local optimum, rather than on the clock, gives the same routes for the same input on any machine.
    /// </summary>
    public int RoutingSolutionLimit { get; init; } = 200;

    /// <summary>
    /// Runs with up to this many visits to route together improve their first routes by guided local search (until
    /// <see cref="RoutingSolutionLimit"/> or the time limit); larger ones by plain local search down to the first local
    /// optimum, which ends on its own (same routes for the same input) and is much faster. Default 0: descent everywhere,
    /// which on GBA week costs within 0.1 % of guided local search at a fraction of its time (bench/README.md,
    /// "Delivery routes on GBA week").
    /// </summary>
    public int RoutingGuidedMaxVisits { get; init; }

    /// <summary>Longest city delivery route, from leaving the distribution centre to coming back, minutes (a driver's shift).</summary>
    public int MaxRouteMinutes { get; init; } = 600;

    /// <summary>Seed of the neighbourhood choice.</summary>
    public int Seed { get; init; } = 1;
}
