using System.Diagnostics;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The deterministic budget of a planning run. Every phase charges work units for what it did (arcs scanned, moves
/// priced, simplex iterations and branch-and-bound nodes), never for the time it took, and stops at fixed marks, so
/// the same problem and settings give the same plan on any machine and under any load. A unit is about a microsecond
/// of the reference machine (bench/README.md, "Logistics"). The wall clock stays a hard cap: a run it cuts short is
/// <see cref="ClockLimited"/>, and only such a run may differ from one run to the next.
/// </summary>
internal sealed class WorkClock(long limit, Stopwatch clock, double capSeconds)
{
    /// <summary>Units per arc of the table for building the candidate arcs and bins.</summary>
    public const double CandidatesPerArc = 2.0;

    /// <summary>Units per arc of the table for the LP bound with its duals.</summary>
    public const double LpPerArc = 0.35;

    /// <summary>Units per arc of the table for one slope-scaling step (cheapest arc per pair, then one min-cost flow).</summary>
    public const double SlopeStepPerArc = 0.15;

    /// <summary>Units per arc of the table for the retained arcs and the repaired start plan.</summary>
    public const double StartPlanPerArc = 0.5;

    /// <summary>
    /// Units per arc of the table, per truck capacity its bin problems try, and per evaluation, for one evaluation of the
    /// Lagrangian bound (fitted on data/demo, 200 x 400, 1k x 2k, 2k x 4k and GBA week: bench/README.md, "Logistics").
    /// </summary>
    public const double BoundPerArc = 0.06;

    /// <inheritdoc cref="BoundPerArc"/>
    public const double BoundPerStep = 0.025;

    /// <inheritdoc cref="BoundPerArc"/>
    public const double BoundPerEvaluation = 100;

    /// <summary>Units per move priced by the local search.</summary>
    public const double PerMoveTried = 1.2;

    /// <summary>
    /// The units of one SCIP solve from what it did: <see cref="ScipScale"/> x (iterations + 1)^0.86 x entries^0.30 x
    /// (nodes + 1)^0.34, where entries are the model's variables and rows. Fitted (least squares on the logarithms, larger
    /// solves weighted more) on 355 solves run one at a time on the reference machine, neighbourhoods of 500-3,000 entries
    /// and whole models of 7,000-12,000: an iteration's time grows far slower than the model, and a node costs more where
    /// the model is larger (bench/README.md, "The work charge of a SCIP solve"). The solves of a run take 0.84-1.16 of
    /// their units in µs.
    /// </summary>
    public static double ScipUnits(long iterations, long nodes, int entries) =>
        ScipScale * Math.Pow(iterations + 1, 0.86) * Math.Pow(Math.Max(1, entries), 0.30) * Math.Pow(nodes + 1, 0.34);

    /// <inheritdoc cref="ScipUnits"/>
    public const double ScipScale = 25.9;

    /// <summary>
    /// How much longer each of several SCIP solves takes when they run at once, one per worker (rounds of two on two cores
    /// took 0.89-1.29 of their dearest solve's units, 1.15 over all): a round of neighbourhoods is charged its dearest solve
    /// times this.
    /// </summary>
    public const double AtOnceSlowdown = 1.15;

    /// <summary>
    /// Units reckoned per node and model entry (<see cref="Neighbourhood.Entries"/>), iterations included, when the work left
    /// sets a whole model's node limit (measured 9.3-12.7 on 200 x 400 with every arc and 14.6-15.6 on a model of 11,824
    /// entries, every line free; bench/README.md, "The work charge of a SCIP solve"): the estimate is kept at the high end,
    /// so the solve stays within the budget.
    /// </summary>
    public const double PerFullModelNodeEntry = 20;

    /// <summary>
    /// Units foreseen per node and model entry for a neighbourhood, when sizing it and its round's node limit to the work
    /// left. Neighbourhoods that reach the node limit were measured at 11-21 (90th percentile per instance) on data/demo and
    /// generated instances, times <see cref="AtOnceSlowdown"/> when two run at once: the estimate is kept at the high end so
    /// that a round does not overrun the budget.
    /// </summary>
    public const double PerNeighbourhoodNodeEntry = 25;

    private long _spent;

    public long Limit => limit;

    public long Spent => Interlocked.Read(ref _spent);

    /// <summary>Units left before the limit.</summary>
    public long Left => Math.Max(0, limit - Spent);

    /// <summary>Seconds left before the clock's cap.</summary>
    public double SecondsLeft => capSeconds - clock.Elapsed.TotalSeconds;

    /// <summary>Whether the wall clock, rather than the work limit, stopped a phase.</summary>
    public bool ClockLimited { get; private set; }

    public void Charge(double units) => Interlocked.Add(ref _spent, (long)Math.Ceiling(Math.Max(0, units)));

    /// <summary>Whether work may go on towards <paramref name="mark"/>: less than it spent, and the clock not past its cap.</summary>
    public bool Before(long mark)
    {
        if (Spent >= mark)
        {
            return false;
        }

        if (SecondsLeft > 0)
        {
            return true;
        }

        ClockLimited = true;
        return false;
    }

    /// <summary>Records that a solver stopped on its own time limit (its answer depends on the machine).</summary>
    public void MarkClockLimited() => ClockLimited = true;

    /// <summary>The mark <paramref name="share"/> of <paramref name="units"/> from now.</summary>
    public long MarkAfter(long units, double share) => Spent + (long)(units * share);
}
