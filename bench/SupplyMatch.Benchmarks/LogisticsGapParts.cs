using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-gap-parts [--scenario DIR | --lots N --lines N --products N --seed N] [--time S] [--evaluations N]</c>:
/// where the gap between a plan and the Lagrangian bound lies. Builds the plan of a <c>--time S</c> run up to its local
/// search (on that run's work budget, the clock cap lifted), raises the bound from the LP's duals for N evaluations, and
/// splits plan objective - L(λ, π) at the best multipliers into parts that are each >= 0:
/// <list type="bullet">
/// <item>per bin: the plan's reduced cost there (arcs at c - π + λ, plus its trucks) minus the bin problem's optimum;</item>
/// <item>per line: (penalty - π) x unmet kg where π is at most the penalty, else (π - penalty) x served kg;</item>
/// <item>per lot: λ x the kg the plan leaves unused.</item>
/// </list>
/// The parts add up to the gap exactly (checked), so they say whether trucks, demand or supply hold the bound down.
/// </summary>
internal static class LogisticsGapParts
{
    public static int Run(string[] args)
    {
        var raised = Raise(LogisticsGapRunner.Options.Parse(args));
        var (index, table, candidates, plan, bound, rent, price) = raised;
        var (value, _, _) = bound.Evaluate(rent, price, default);
        Console.WriteLine($"load {LogisticsGapRunner.Load()}; plan {plan.ObjectiveFen / 100.0:N0} CNY; bound {raised.BestFen / 100.0:N0} after {raised.Evaluations} evaluations; L at its multipliers {value / 100:N0}; gap {plan.ObjectiveFen / 100.0 - value / 100:N0} CNY");

        Report(index, table, candidates, plan, rent, price, value);
        return 0;
    }

    /// <summary>The plan of a <c>--time S</c> run up to its local search, and the bound raised from the LP's duals for <c>--evaluations N</c> (default 100).</summary>
    public static Raised Raise(LogisticsGapRunner.Options options)
    {
        var (run, _) = LogisticsInstances.StartPlan(options);
        run.ImproveStart();
        var (index, candidates, flow) = run.Start;
        var plan = new PlanState(index, candidates, flow);
        var (table, lp) = run.Relaxed;
        var evaluations = options.Int("evaluations", 100);
        var bound = new LagrangianBound(index, table, 2) { KeepBest = true };
        var count = 0;
        var (best, used) = bound.Improve([(lp.LotRentMilliFen!, lp.LinePriceMilliFen!)], plan.ObjectiveFen, () => count++ < evaluations, _ => { }, default);
        var (rent, price) = bound.Best!.Value;
        return new Raised(index, table, candidates, plan, bound, rent, price) { BestFen = best, Evaluations = used };
    }

    /// <summary>A plan and the Lagrangian bound at its best multipliers (fen/kg lot rents and line prices).</summary>
    internal sealed record Raised(ProblemIndex Index, ArcTable Table, Candidates Candidates, PlanState Plan, LagrangianBound Bound, double[] Rent, double[] Price)
    {
        public long BestFen { get; init; }

        public int Evaluations { get; init; }
    }

    private static void Report(ProblemIndex index, ArcTable table, Candidates candidates, PlanState plan, double[] rent, double[] price, double value)
    {
        var bins = table.Bins.Length;
        var planReduced = new double[bins];
        for (var a = 0; a < candidates.Arcs.Length; a++)
        {
            if (plan.Flow[a] > 0)
            {
                var arc = candidates.Arcs[a];
                planReduced[arc.Bin] += (arc.KgCostFen - price[arc.Line] + rent[arc.Lot]) * plan.Flow[a];
            }
        }

        var pricing = new BinPricing(index, table);
        var scratch = new BinPricing.Scratch(index.Lines.Length);
        var fill = new double[table.Count];
        var parts = new Dictionary<string, (double Fen, int Count)>();
        void Add(string name, double fen)
        {
            if (fen > 0.005)
            {
                var (sum, n) = parts.GetValueOrDefault(name);
                parts[name] = (sum + fen, n + 1);
            }
        }

        var (planKg, relaxedKg, planTrucks, relaxedTrucks) = (0L, 0.0, 0.0, 0.0);
        for (var b = 0; b < bins; b++)
        {
            var optimum = pricing.Solve(b, rent, price, fill, scratch);
            var loaded = plan.BinLoad[b] > 0;
            var gap = planReduced[b] + plan.BinTruckFen(b) - optimum;
            Add(loaded && optimum < 0 ? "bins both load" : loaded ? "bins only the plan loads" : "bins only the relaxation loads", gap);
            var kg = 0.0;
            for (var k = table.BinStart[b]; k < table.BinStart[b + 1]; k++)
            {
                (kg, fill[table.BinArcs[k]]) = (kg + fill[table.BinArcs[k]], 0);
            }

            if (loaded && optimum < 0)
            {
                (planKg, relaxedKg) = (planKg + plan.BinLoad[b], relaxedKg + kg);
                (planTrucks, relaxedTrucks) = (planTrucks + plan.BinTruckFen(b), relaxedTrucks + table.Bins[b].Cover.CostOf((long)kg));
            }
        }

        Console.WriteLine($"bins both load: plan {planKg:N0} kg in trucks of {planTrucks / 100:N0} CNY; the bin problems {relaxedKg:N0} kg in trucks of {relaxedTrucks / 100:N0} CNY");

        for (var d = 0; d < index.Lines.Length; d++)
        {
            var (q, penalty) = (index.Lines[d].QuantityKg, index.LinePenaltyFen[d]);
            var unmet = q - plan.LineServed[d];
            Add(price[d] <= penalty ? "lines unmet, priced below the penalty" : "lines served, priced above the penalty",
                ((penalty - price[d]) * unmet) - (Math.Min(0, penalty - price[d]) * q));
        }

        for (var s = 0; s < index.Lots.Length; s++)
        {
            Add("lots with rent and kg unused", rent[s] * (index.Lots[s].QuantityKg - plan.LotUsed[s]));
        }

        var total = parts.Values.Sum(p => p.Fen);
        foreach (var (name, (fen, n)) in parts.OrderByDescending(p => p.Value.Fen))
        {
            Console.WriteLine($"{name,-36} {fen / 100,14:N0} CNY  {100 * fen / total,5:0.0} %  ({n:N0})");
        }

        Console.WriteLine($"{"sum of the parts",-36} {total / 100,14:N0} CNY  (plan - L = {(plan.ObjectiveFen - value) / 100:N0})");
    }
}
