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
    /// Units of a SCIP solve per simplex iteration and model entry (variable or row; cuts and heuristics scale alike), per
    /// node and model entry, and per model entry (building it). Fitted on neighbourhoods and whole models of 1,500 to
    /// 10,000 entries (bench/README.md, "Logistics"); a solve's time is within about 30 % of its units.
    /// </summary>
    public const double PerIterationEntry = 0.11;

    /// <inheritdoc cref="PerIterationEntry"/>
    public const double PerNodeEntry = 3;

    /// <inheritdoc cref="PerIterationEntry"/>
    public const double PerModelEntry = 80;

    /// <summary>
    /// Units reckoned per node and model entry (<see cref="Neighbourhood.Entries"/>), iterations included, when the work left
    /// sets a whole model's node limit (measured 13 on 200 x 400 with 8 candidate arcs per line and 17-20 with every arc,
    /// every line free; bench/README.md, "Logistics"): the estimate is kept at the high end, so the solve stays within the budget.
    /// </summary>
    public const double PerFullModelNodeEntry = 20;

    /// <summary>
    /// Units foreseen per node and model entry for a neighbourhood, when sizing it and its round's node limit to the work
    /// left. Neighbourhoods that reach the node limit were measured at 9-17 on generated instances and up to 40 on data/demo,
    /// whose bins hold many vehicle types: the estimate is kept high so that a round does not overrun the budget.
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
