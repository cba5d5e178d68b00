using System.Diagnostics;
using Google.OrTools.LinearSolver;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>Experiment: the strong-linking LP on the retained arcs (GLOP), and the Lagrangian bound at its duals.</summary>
internal static class LogisticsStrongLp
{
    public static int Run(string[] args)
    {
        var options = LogisticsGapRunner.Options.Parse(args);
        var problem = LogisticsInstances.Generate(options.Int("lots", 2000), options.Int("lines", 4000), options.Int("products", 30), 7, options.Int("seed", 42));
        var settings = new LogisticsSettings { TimeLimitSeconds = 10, Workers = 2, CandidatesPerLine = options.Int("k", 8) };
        var clock = Stopwatch.StartNew();
        var index = new ProblemIndex(problem);
        var network = new LogisticsNetwork(index, settings);
        var table = ArcTable.Build(network, settings, 2, default);
        var envelope = table.Bins.Select(b => b.RateMilliFen).ToArray();
        var lp = Relaxation.Solve(index, table, envelope, true, 2, default);
        var (plan, rates, _) = SlopeScaling.Run(index, table, lp, envelope, (new WorkClock(0, System.Diagnostics.Stopwatch.StartNew(), 0), 0), 2, default);
        var candidates = Candidates.Select(network, settings, table, plan, rates);
        Console.WriteLine($"LP bound {lp.ObjectiveMilliFen / 1e5:N0}  retained {candidates.Arcs.Length}  {clock.Elapsed.TotalSeconds:0.0} s");
        using var solver = Solver.CreateSolver("GLOP")!;
        var arcs = candidates.Arcs;
        var x = arcs.Select(_ => solver.MakeNumVar(0, double.PositiveInfinity, "")).ToArray();
        var lineRows = index.Lines.Select(l => solver.MakeConstraint(l.QuantityKg, l.QuantityKg, "")).ToArray();
        var lotRows = index.Lots.Select(l => solver.MakeConstraint(double.NegativeInfinity, l.QuantityKg, "")).ToArray();
        var objective = solver.Objective();
        for (var d = 0; d < index.Lines.Length; d++)
        {
            var u = solver.MakeNumVar(0, index.Lines[d].QuantityKg, "");
            lineRows[d].SetCoefficient(u, 1);
            objective.SetCoefficient(u, index.LinePenaltyFen[d]);
        }
        for (var a = 0; a < arcs.Length; a++)
        {
            objective.SetCoefficient(x[a], arcs[a].KgCostFen);
            lineRows[arcs[a].Line].SetCoefficient(x[a], 1);
            lotRows[arcs[a].Lot].SetCoefficient(x[a], 1);
        }
        var rows = 0;
        foreach (var bin in arcs.Select((arc, a) => (arc, a)).GroupBy(t => t.arc.Bin))
        {
            var cover = table.Bins[bin.Key].Cover;
            var n = cover.Vehicles.Select(_ => solver.MakeNumVar(0, double.PositiveInfinity, "")).ToArray();
            for (var v = 0; v < n.Length; v++) objective.SetCoefficient(n[v], cover.Cost(v));
            var capacity = solver.MakeConstraint(double.NegativeInfinity, 0, "");
            for (var v = 0; v < n.Length; v++) capacity.SetCoefficient(n[v], -cover.Capacities[v]);
            foreach (var t in bin) capacity.SetCoefficient(x[t.a], 1);
            foreach (var group in bin.GroupBy(t => t.arc.Line))
            {
                var q = index.Lines[group.Key].QuantityKg;
                var link = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                for (var v = 0; v < n.Length; v++) link.SetCoefficient(n[v], -Math.Min(q, cover.Capacities[v]));
                foreach (var t in group) link.SetCoefficient(x[t.a], 1);
                rows++;
            }
            foreach (var group in bin.GroupBy(t => t.arc.Lot))
            {
                var qs = index.Lots[group.Key].QuantityKg;
                var link = solver.MakeConstraint(double.NegativeInfinity, 0, "");
                for (var v = 0; v < n.Length; v++) link.SetCoefficient(n[v], -Math.Min(qs, cover.Capacities[v]));
                foreach (var t in group) link.SetCoefficient(x[t.a], 1);
                rows++;
            }
        }
        objective.SetMinimization();
        Console.WriteLine($"strong LP: {solver.NumVariables()} vars {solver.NumConstraints()} rows ({rows} links)  {clock.Elapsed.TotalSeconds:0.0} s");
        var status = solver.Solve();
        Console.WriteLine($"status {status} strong LP (restricted) {objective.Value() / 100:N0}  {clock.Elapsed.TotalSeconds:0.0} s");
        var price = lineRows.Select(r => r.DualValue()).ToArray();
        var rent = lotRows.Select(r => Math.Max(0, -r.DualValue())).ToArray();
        var lagrangian = new LagrangianBound(index, table, 2);
        var (value, _, _) = lagrangian.Evaluate(rent, price, default);
        Console.WriteLine($"Lagrangian over all arcs at strong-LP duals {value / 100:N0}  {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }
}
