using System.Text;
using Google.OrTools.LinearSolver;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>
/// The allocation as a linear programme (MODEL.md "Allocation objective"), objective in CNY, built in the
/// same order every time: variables -> supply rows -> demand rows -> policy rows -> objective.
/// Used by the GLOP solve and by the MPS export, so both state the same model.
/// </summary>
internal sealed class LpModel : IDisposable
{
    private LpModel(Solver solver) => Solver = solver;

    public Solver Solver { get; }

    public Variable[] Allocation { get; private set; } = [];

    public Variable[] UnmetKg { get; private set; } = [];

    public Constraint[] SupplyRows { get; private set; } = [];

    public Constraint[] DemandRows { get; private set; } = [];

    public static LpModel Build(ProblemIndex index, ArcSet arcs, bool named)
    {
        var model = new LpModel(Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("GLOP is not available."));
        model.AddVariables(index, arcs, named);
        model.AddSupplyRows(index, arcs, named);
        model.AddDemandRows(index, arcs, named);
        model.AddPolicyRows(index, arcs, named);
        model.Solver.Objective().SetMinimization();
        return model;
    }

    public void Dispose() => Solver.Dispose();

    /// <summary>
    /// x[s,d] >= 0 kg at (landed - bonus) CNY/kg; u[d] >= 0 at the line's penalty (the demand row bounds it, and
    /// leaving it without an upper bound keeps every line's dual at most its penalty).
    /// </summary>
    private void AddVariables(ProblemIndex index, ArcSet arcs, bool named)
    {
        var objective = Solver.Objective();
        Allocation = new Variable[arcs.Arcs.Length];
        for (var a = 0; a < arcs.Arcs.Length; a++)
        {
            var arc = arcs.Arcs[a];
            var name = named ? $"x{a}_{Safe(index.Lots[arc.Lot].Id)}_{Safe(index.Lines[arc.Line].Id)}" : string.Empty;
            Allocation[a] = Solver.MakeNumVar(0, double.PositiveInfinity, name);
            objective.SetCoefficient(Allocation[a], arc.CostFen / 100.0);
        }

        UnmetKg = new Variable[index.Lines.Length];
        for (var d = 0; d < index.Lines.Length; d++)
        {
            UnmetKg[d] = Solver.MakeNumVar(0, double.PositiveInfinity, named ? $"u{d}_{Safe(index.Lines[d].Id)}" : string.Empty);
            objective.SetCoefficient(UnmetKg[d], index.LinePenaltyFen[d] / 100.0);
        }
    }

    /// <summary>Supply: sum over lines of x[s,d] &lt;= lot quantity.</summary>
    private void AddSupplyRows(ProblemIndex index, ArcSet arcs, bool named)
    {
        SupplyRows = new Constraint[index.Lots.Length];
        for (var s = 0; s < index.Lots.Length; s++)
        {
            SupplyRows[s] = Solver.MakeConstraint(double.NegativeInfinity, index.Lots[s].QuantityKg, named ? $"supply{s}_{Safe(index.Lots[s].Id)}" : string.Empty);
        }

        for (var a = 0; a < arcs.Arcs.Length; a++)
        {
            SupplyRows[arcs.Arcs[a].Lot].SetCoefficient(Allocation[a], 1);
        }
    }

    /// <summary>Demand: sum over lots of x[s,d] + u[d] = line quantity.</summary>
    private void AddDemandRows(ProblemIndex index, ArcSet arcs, bool named)
    {
        DemandRows = new Constraint[index.Lines.Length];
        for (var d = 0; d < index.Lines.Length; d++)
        {
            var kg = index.Lines[d].QuantityKg;
            DemandRows[d] = Solver.MakeConstraint(kg, kg, named ? $"demand{d}_{Safe(index.Lines[d].Id)}" : string.Empty);
            DemandRows[d].SetCoefficient(UnmetKg[d], 1);
        }

        for (var a = 0; a < arcs.Arcs.Length; a++)
        {
            DemandRows[arcs.Arcs[a].Line].SetCoefficient(Allocation[a], 1);
        }
    }

    /// <summary>
    /// Soft policy targets: ex-farm value bought per province + shortfall >= target (CNY), and
    /// poverty-linked kg - share x allocated kg + shortfall >= 0; shortfalls cost their penalties.
    /// </summary>
    private void AddPolicyRows(ProblemIndex index, ArcSet arcs, bool named)
    {
        var policy = index.Settings.Policy;
        if (policy is null || !policy.Any)
        {
            return;
        }

        foreach (var (province, target) in policy.MinPurchaseCnyByProvince.Where(t => t.Value > 0).OrderBy(t => t.Key))
        {
            var row = Solver.MakeConstraint((double)target, double.PositiveInfinity, named ? $"province_{province}" : string.Empty);
            var shortfall = Solver.MakeNumVar(0, (double)target, named ? $"short_province_{province}" : string.Empty);
            row.SetCoefficient(shortfall, 1);
            Solver.Objective().SetCoefficient(shortfall, (double)policy.ProvincePenaltyPerCny);
            for (var a = 0; a < arcs.Arcs.Length; a++)
            {
                if (index.Bases[index.LotBase[arcs.Arcs[a].Lot]].Province == province)
                {
                    row.SetCoefficient(Allocation[a], arcs.Arcs[a].ExFarmFen / 100.0);
                }
            }
        }

        if (policy.MinPovertySharePercent is > 0 and var share)
        {
            var row = Solver.MakeConstraint(0, double.PositiveInfinity, named ? "poverty_share" : string.Empty);
            var shortfall = Solver.MakeNumVar(0, double.PositiveInfinity, named ? "short_poverty_share" : string.Empty);
            row.SetCoefficient(shortfall, 1);
            Solver.Objective().SetCoefficient(shortfall, Money.ToFen(policy.PovertySharePenaltyCnyPerKg) / 100.0);
            var fraction = (double)share / 100.0;
            for (var a = 0; a < arcs.Arcs.Length; a++)
            {
                var linked = index.Bases[index.LotBase[arcs.Arcs[a].Lot]].PovertyLinked;
                row.SetCoefficient(Allocation[a], (linked ? 1.0 : 0.0) - fraction);
            }
        }
    }

    /// <summary>MPS names may not contain blanks; anything outside [A-Za-z0-9._-] becomes '_'.</summary>
    private static string Safe(string id)
    {
        var builder = new StringBuilder(id.Length);
        foreach (var c in id)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        }

        return builder.ToString();
    }
}
