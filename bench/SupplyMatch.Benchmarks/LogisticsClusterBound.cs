using System.Diagnostics;
using Google.OrTools.LinearSolver;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>
/// <c>logistics-cluster-bound [--scenario DIR | --lots N --lines N --products N --seed N] [--time S] [--evaluations N]
/// [--max-bins B] [--seconds S]</c>: how much the Lagrangian bound gains, at its best multipliers, when bins that share
/// lines or lots are solved together. Builds the plan of a <c>--time S</c> run up to its local search and raises the
/// bound for N evaluations (as <c>logistics-gap-parts</c>); then takes the bins whose problem pays (negative value),
/// joins those that over-count a line or a lot between them (their fills add up to more than its kg), and solves each
/// group of at most B bins as one SCIP model: whole trucks per bin and vehicle type, the arcs at their reduced cost,
/// and each line and lot at most its kg over the whole group. Those rows hold in the integer model, so SCIP's best
/// bound on a group, where above the sum of its bins' own optima, raises L(λ, π) by the difference and stays valid.
/// Prints how many lanes and bins each line's arcs reach, the over-counted kg, the groups and the bound gained.
/// </summary>
internal static class LogisticsClusterBound
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var raised = LogisticsGapParts.Raise(options);
        var (index, table, _, plan, bound, rent, price) = raised;
        var (value, patterns) = bound.Price(rent, price, default);
        Console.WriteLine($"load {LogisticsGapRunner.Load()}; plan {plan.ObjectiveFen / 100.0:N0} CNY; L {value / 100:N0} after {raised.Evaluations} evaluations; gap {Gap(plan.ObjectiveFen, value):0.000} %");
        Reach(index, table);

        var groups = Groups(index, table, patterns, options.Int("max-bins", 40));
        var seconds = options.Double("seconds", 5);
        var (gain, optimal) = (0.0, 0);
        var clock = Stopwatch.StartNew();
        foreach (var group in groups)
        {
            var own = group.Sum(i => patterns[i].Value);
            var (together, solved) = Together(index, table, [.. group.Select(i => patterns[i].Bin)], rent, price, seconds);
            gain += Math.Max(0, together - own);
            optimal += solved ? 1 : 0;
        }

        Console.WriteLine($"{groups.Count} groups ({optimal} solved to optimality) in {clock.Elapsed.TotalSeconds:0.0} s: bound +{gain / 100:N0} CNY, gap {Gap(plan.ObjectiveFen, value + gain):0.000} %");
        return 0;
    }

    private static double Gap(long plan, double bound) => 100 * (plan - bound) / plan;

    /// <summary>How many lanes (origin, destination, storage class) and bins the arcs of each line reach.</summary>
    private static void Reach(ProblemIndex index, ArcTable table)
    {
        var lanes = new HashSet<(int, int, int)>?[index.Lines.Length];
        var bins = new HashSet<int>?[index.Lines.Length];
        for (var a = 0; a < table.Count; a++)
        {
            var (d, bin) = (table.Line[a], table.Bins[table.Bin[a]]);
            (lanes[d] ??= []).Add((bin.Origin, bin.Destination, bin.StorageClass));
            (bins[d] ??= []).Add(table.Bin[a]);
        }

        static string Histogram(IEnumerable<int> counts, int top) =>
            string.Join(" ", counts.GroupBy(c => Math.Min(c, top)).OrderBy(g => g.Key).Select(g => $"{g.Key}{(g.Key == top ? "+" : string.Empty)}: {g.Count():N0}"));
        Console.WriteLine($"lines by lanes reached: {Histogram(lanes.OfType<HashSet<(int, int, int)>>().Select(l => l.Count), 9)}");
        Console.WriteLine($"lines by bins reached: {Histogram(bins.OfType<HashSet<int>>().Select(l => l.Count), 20)}");
    }

    /// <summary>The paying bins joined by the lines and lots their fills over-count, in groups of at most <paramref name="most"/> bins (2 or more).</summary>
    private static List<int[]> Groups(ProblemIndex index, ArcTable table, List<(int Bin, double Value, List<(int Arc, double Kg)> Fill)> patterns, int most)
    {
        var lineKg = new double[index.Lines.Length];
        var lotKg = new double[index.Lots.Length];
        foreach (var (a, kg) in patterns.SelectMany(p => p.Fill))
        {
            (lineKg[table.Line[a]], lotKg[table.Lot[a]]) = (lineKg[table.Line[a]] + kg, lotKg[table.Lot[a]] + kg);
        }

        var overLines = Enumerable.Range(0, lineKg.Length).Where(d => lineKg[d] > index.Lines[d].QuantityKg + 1e-6).ToArray();
        var overLots = Enumerable.Range(0, lotKg.Length).Where(s => lotKg[s] > index.Lots[s].QuantityKg + 1e-6).ToArray();
        Console.WriteLine($"paying bins {patterns.Count:N0}, their value {patterns.Sum(p => p.Value) / 100:N0} CNY; lines over-counted {overLines.Length:N0} " +
            $"({overLines.Sum(d => lineKg[d] - index.Lines[d].QuantityKg):N0} kg over), lots {overLots.Length:N0} ({overLots.Sum(s => lotKg[s] - index.Lots[s].QuantityKg):N0} kg over)");

        var parent = Enumerable.Range(0, patterns.Count).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var (overLine, overLot) = (overLines.ToHashSet(), overLots.ToHashSet());
        var (lineFirst, lotFirst) = (new Dictionary<int, int>(), new Dictionary<int, int>());
        void Join(Dictionary<int, int> first, int key, int i)
        {
            if (first.TryGetValue(key, out var j))
            {
                parent[Find(i)] = Find(j);
            }
            else
            {
                first[key] = i;
            }
        }

        for (var i = 0; i < patterns.Count; i++)
        {
            foreach (var (a, _) in patterns[i].Fill)
            {
                if (overLine.Contains(table.Line[a]))
                {
                    Join(lineFirst, table.Line[a], i);
                }

                if (overLot.Contains(table.Lot[a]))
                {
                    Join(lotFirst, table.Lot[a], i);
                }
            }
        }

        var components = Enumerable.Range(0, patterns.Count).GroupBy(Find).Select(g => g.ToArray()).Where(g => g.Length > 1).OrderByDescending(g => g.Length).ToList();
        Console.WriteLine($"joined: {components.Count} components of {components.Sum(c => c.Length):N0} bins, the largest {string.Join(", ", components.Take(5).Select(c => c.Length))}");
        return [.. components.SelectMany(c => c.Chunk(most)).Where(g => g.Length > 1)];
    }

    /// <summary>SCIP's best bound on the bins' problem with each line and lot at most its kg over all of them, and whether it is proven optimal.</summary>
    private static (double Bound, bool Optimal) Together(ProblemIndex index, ArcTable table, int[] bins, double[] rent, double[] price, double seconds)
    {
        using var solver = Solver.CreateSolver("SCIP") ?? throw new InvalidOperationException("SCIP is not available.");
        var objective = solver.Objective();
        var (lineRows, lotRows) = (new Dictionary<int, Constraint>(), new Dictionary<int, Constraint>());
        Constraint Row(Dictionary<int, Constraint> rows, int key, long kg) =>
            rows.TryGetValue(key, out var row) ? row : rows[key] = solver.MakeConstraint(double.NegativeInfinity, kg, string.Empty);
        foreach (var b in bins)
        {
            var (bin, cover) = (table.Bins[b], table.Bins[b].Cover);
            var capacity = solver.MakeConstraint(double.NegativeInfinity, 0, string.Empty);
            var limit = solver.MakeConstraint(double.NegativeInfinity, bin.MaxKg, string.Empty);
            for (var v = 0; v < cover.Vehicles.Length; v++)
            {
                var trucks = solver.MakeIntVar(0, (bin.MaxKg + cover.Capacities[v] - 1) / cover.Capacities[v], string.Empty);
                capacity.SetCoefficient(trucks, -cover.Capacities[v]);
                objective.SetCoefficient(trucks, cover.Cost(v));
            }

            for (var k = table.BinStart[b]; k < table.BinStart[b + 1]; k++)
            {
                var a = table.BinArcs[k];
                var (d, s) = (table.Line[a], table.Lot[a]);
                var reduced = table.CostFen[a] - price[d] + rent[s];
                if (reduced < 0)
                {
                    var x = solver.MakeNumVar(0, Math.Min(index.Lines[d].QuantityKg, index.Lots[s].QuantityKg), string.Empty);
                    objective.SetCoefficient(x, reduced);
                    capacity.SetCoefficient(x, 1);
                    limit.SetCoefficient(x, 1);
                    Row(lineRows, d, index.Lines[d].QuantityKg).SetCoefficient(x, 1);
                    Row(lotRows, s, index.Lots[s].QuantityKg).SetCoefficient(x, 1);
                }
            }
        }

        objective.SetMinimization();
        solver.SetTimeLimit((long)(seconds * 1000));
        var status = solver.Solve();
        return (objective.BestBound(), status == Solver.ResultStatus.OPTIMAL);
    }
}
