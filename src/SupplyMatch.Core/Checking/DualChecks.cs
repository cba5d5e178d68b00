using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Checking;

/// <summary>
/// Check 7: the shadow prices as a certificate of optimality of the allocation LP (MODEL.md "Allocation objective").
/// With lot prices p_s (dual of supply, sign flipped) and line prices q_d (dual of demand), the dual is
/// max sum q_d D_d - sum p_s S_s subject to q_d - p_s &lt;= c_sd on every candidate arc, q_d &lt;= penalty_d, p_s &gt;= 0.
/// Dual feasibility, complementary slackness and equal objectives together prove the allocation optimal.
/// Every comparison allows <see cref="Tolerance"/> CNY/kg; the duality gap allows <see cref="Tolerance"/> CNY per
/// 1,000 lines. With policy targets the arc reduced costs also carry the policy prices, which a result does not
/// state, so only the sign, penalty and lot/line slackness conditions are checked and no proof is claimed.
/// </summary>
internal sealed class DualChecks
{
    public const decimal Tolerance = 0.01m;

    private readonly CheckContext _context;
    private readonly decimal?[] _lot;
    private readonly decimal?[] _line;

    // The same prices as doubles (NaN for a lot without a price, -infinity for a line without one) for the arc screen.
    private readonly double[] _lotApprox;
    private readonly double[] _lineApprox;

    private DualChecks(CheckContext context)
    {
        _context = context;
        _lot = new decimal?[context.Lots.Length];
        _line = new decimal?[context.Lines.Length];
        _lotApprox = new double[context.Lots.Length];
        _lineApprox = new double[context.Lines.Length];
    }

    /// <summary>True when every lot and line has exactly one price.</summary>
    public bool Complete { get; private set; }

    /// <summary>Reads the result's shadow prices; null when the result has none.</summary>
    public static DualChecks? Read(CheckContext context)
    {
        if (context.Result.ShadowPrices is not { } prices)
        {
            return null;
        }

        var duals = new DualChecks(context);
        var lotsOk = Fill(context, "lot", duals._lot, context.LotIndex, prices.Lots.Select(p => (p.LotId, p.CnyPerKg)));
        var linesOk = Fill(context, "line", duals._line, context.LineIndex, prices.Lines.Select(p => (p.LineId, p.CnyPerKg)));
        duals.Complete = lotsOk && linesOk;
        for (var s = 0; s < duals._lot.Length; s++)
        {
            duals._lotApprox[s] = duals._lot[s] is { } price ? (double)price : double.NaN;
        }

        for (var d = 0; d < duals._line.Length; d++)
        {
            duals._lineApprox[d] = duals._line[d] is { } price ? (double)price : double.NegativeInfinity;
        }

        return duals;
    }

    /// <summary>
    /// Checks dual feasibility of one candidate arc and returns landed - bonus + lot price as a double (NaN without a
    /// lot price), for the clearing price. Doubles screen the arcs; the rare ones near the limit are decided exactly.
    /// </summary>
    public double VisitArc(int lot, int line, long netFen)
    {
        var lotPrice = _lotApprox[lot];
        var reduced = (netFen * 0.01) + lotPrice;
        if (!_context.HasPolicy && reduced < _lineApprox[line] - (double)Tolerance + 1e-6)
        {
            CheckArcExactly(lot, line, netFen);
        }

        return reduced;
    }

    /// <summary>Landed - bonus + lot price of an arc, exact.</summary>
    public decimal ReducedCny(int lot, long netFen) => Money.ToCny(netFen) + _lot[lot]!.Value;

    private void CheckArcExactly(int lot, int line, long netFen)
    {
        if (_lot[lot] is not { } lotPrice || _line[line] is not { } linePrice)
        {
            return;
        }

        var reduced = Money.ToCny(netFen) + lotPrice;
        if (reduced < linePrice - Tolerance)
        {
            _context.Issues.Add("dual-infeasible-arc", $"arc {_context.Lots[lot].Id} -> {_context.Lines[line].Id}: landed - bonus {Fmt.Rate(Money.ToCny(netFen))} + lot price {Fmt.Num(lotPrice)} = {Fmt.Rate(reduced)} is below the line price {Fmt.Rate(linePrice)}");
        }
    }

    /// <summary>The remaining conditions; true when the prices prove the allocation optimal (no policy targets, all conditions hold).</summary>
    public bool Finish(decimal objectiveCny)
    {
        var before = _context.Issues.Count;
        CheckLots();
        CheckLines();
        if (!_context.HasPolicy)
        {
            CheckAllocatedArcs();
            CheckDualityGap(objectiveCny);
        }

        return Complete && !_context.HasPolicy && _context.Issues.Count == before;
    }

    private static bool Fill(CheckContext context, string kind, decimal?[] target, Dictionary<string, int> index, IEnumerable<(string Id, decimal Price)> prices)
    {
        var ok = true;
        foreach (var (id, price) in prices)
        {
            if (!index.TryGetValue(id, out var i))
            {
                context.Issues.Add("shadow-price-unknown", $"shadow price for {kind} {id}, which is not in the problem");
                ok = false;
            }
            else if (target[i] is not null)
            {
                context.Issues.Add("shadow-price-duplicate", $"{kind} {id} has more than one shadow price");
                ok = false;
            }
            else
            {
                target[i] = price;
            }
        }

        var missing = target.Count(p => p is null);
        if (missing > 0)
        {
            context.Issues.Add("shadow-price-missing", $"{Fmt.Count(missing)} {kind}s have no shadow price");
        }

        return ok && missing == 0;
    }

    private void CheckLots()
    {
        for (var s = 0; s < _lot.Length; s++)
        {
            if (_lot[s] is not { } price)
            {
                continue;
            }

            var lot = _context.Lots[s];
            var spare = lot.QuantityKg - _context.LotAllocatedKg[s];
            if (price < -Tolerance)
            {
                _context.Issues.Add("dual-infeasible-lot", $"lot {lot.Id} has shadow price {Fmt.Rate(price)}; lot prices are never negative");
            }
            else if (spare > 0 && price > Tolerance)
            {
                _context.Issues.Add("slackness-violated-lot", $"lot {lot.Id} has {Fmt.Kg(spare)} spare but shadow price {Fmt.Rate(price)}; a lot with spare kg is priced 0");
            }
        }
    }

    private void CheckLines()
    {
        for (var d = 0; d < _line.Length; d++)
        {
            if (_line[d] is not { } price)
            {
                continue;
            }

            var line = _context.Lines[d];
            var penalty = Money.ToCny(_context.LinePenaltyFen[d]);
            if (price > penalty + Tolerance)
            {
                _context.Issues.Add("dual-infeasible-line", $"line {line.Id} has shadow price {Fmt.Rate(price)}, above its unmet penalty {Fmt.Rate(penalty)}");
            }
            else if (_context.UnmetKg(d) > 0 && price < penalty - Tolerance)
            {
                _context.Issues.Add("slackness-violated-line", $"line {line.Id} has {Fmt.Kg(_context.UnmetKg(d))} unmet but shadow price {Fmt.Rate(price)}; an unmet line is priced at its penalty {Fmt.Rate(penalty)}");
            }
        }
    }

    private void CheckAllocatedArcs()
    {
        foreach (var a in _context.Costed)
        {
            if (a.Kg <= 0 || _lot[a.Lot] is not { } lotPrice || _line[a.Line] is not { } linePrice)
            {
                continue;
            }

            var reduced = Money.ToCny(a.NetFen) + lotPrice;
            if (Math.Abs(reduced - linePrice) > Tolerance)
            {
                _context.Issues.Add("slackness-violated-arc", $"allocation {_context.Lots[a.Lot].Id} -> {_context.Lines[a.Line].Id} ({Fmt.Kg(a.Kg)}): landed - bonus {Fmt.Rate(Money.ToCny(a.NetFen))} + lot price {Fmt.Num(lotPrice)} = {Fmt.Rate(reduced)}, but the line price is {Fmt.Rate(linePrice)}");
            }
        }
    }

    private void CheckDualityGap(decimal objectiveCny)
    {
        if (!Complete)
        {
            return;
        }

        var dual = 0m;
        for (var d = 0; d < _line.Length; d++)
        {
            dual += _line[d]!.Value * _context.Lines[d].QuantityKg;
        }

        for (var s = 0; s < _lot.Length; s++)
        {
            dual -= _lot[s]!.Value * _context.Lots[s].QuantityKg;
        }

        var tolerance = Tolerance * Math.Max(1m, _context.Lines.Length / 1000m);
        if (Math.Abs(dual - objectiveCny) > tolerance)
        {
            _context.Issues.Add("duality-gap", $"line prices x kg - lot prices x kg = {Fmt.Cny(dual)}, the objective is {Fmt.Cny(objectiveCny)} (tolerance {Fmt.Cny(tolerance)})");
        }
    }
}
