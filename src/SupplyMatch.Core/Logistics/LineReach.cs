using System.Globalization;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// What the compatible lots of each line could give it at most, whatever the trucks cost: a lot sells only when the lines
/// it has candidate arcs to ask together for at least its minimum order, and an all-or-nothing line needs its whole
/// quantity from such lots. An unmet line that fails either test cannot be served by any plan (nor a line served all that
/// such lots hold, more of it), and its explanation says which, with the figures, rather than that serving it would cost
/// more than leaving it unmet.
/// </summary>
internal sealed class LineReach
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly ProblemIndex _index;
    private readonly long[] _lotAskedKg;
    private readonly long[] _compatibleKg;
    private readonly long[] _reachableKg;
    private readonly int[] _blockedLot;

    private LineReach(ProblemIndex index, long[] lotAskedKg, long[] compatibleKg, long[] reachableKg, int[] blockedLot) =>
        (_index, _lotAskedKg, _compatibleKg, _reachableKg, _blockedLot) = (index, lotAskedKg, compatibleKg, reachableKg, blockedLot);

    /// <summary>From every (lot, line) pair of the arc table (each pair has at least one candidate arc).</summary>
    public static LineReach Of(ProblemIndex index, ArcTable table)
    {
        var pairs = Enumerable.Range(0, table.Pairs).Select(i => (Lot: table.Lot[table.PairStart[i]], Line: table.Line[table.PairStart[i]])).ToArray();
        var asked = new long[index.Lots.Length];
        foreach (var (s, d) in pairs)
        {
            asked[s] += index.Lines[d].QuantityKg;
        }

        var compatible = new long[index.Lines.Length];
        var reachable = new long[index.Lines.Length];
        var blocked = Enumerable.Repeat(-1, index.Lines.Length).ToArray();
        foreach (var (s, d) in pairs)
        {
            var lot = index.Lots[s];
            compatible[d] += lot.QuantityKg;
            if (asked[s] >= Math.Min(lot.MinOrderKg, lot.QuantityKg))
            {
                reachable[d] += lot.QuantityKg;
            }
            else if (blocked[d] < 0 || string.CompareOrdinal(lot.Id, index.Lots[blocked[d]].Id) < 0)
            {
                blocked[d] = s;
            }
        }

        return new LineReach(index, asked, compatible, reachable, blocked);
    }

    /// <summary>
    /// The explanation of unmet line <paramref name="d"/> that has candidate arcs, <paramref name="servedKg"/> of it served,
    /// when no plan could serve more of it (English, Chinese), or null when one could and it was left unmet on cost.
    /// </summary>
    public (string Message, string MessageZh)? Unservable(int d, long servedKg)
    {
        var line = _index.Lines[d];
        if (_reachableKg[d] == 0 && _blockedLot[d] >= 0)
        {
            var lot = _index.Lots[_blockedLot[d]];
            var (least, asked) = (Kg(Math.Min(lot.MinOrderKg, lot.QuantityKg)), Kg(_lotAskedKg[_blockedLot[d]]));
            return ($"Every compatible lot has a minimum order above what all the lines it can supply ask for together (lot {lot.Id}: at least {least} kg, {asked} kg asked), so none can sell to this line.",
                $"所有可用批次的最小起订量都高于其可供应的全部需求之和（批次 {lot.Id}：至少 {least} 公斤，需求合计 {asked} 公斤），因此均无法向该需求供货。");
        }

        if (!line.PartialAllowed && _reachableKg[d] < line.QuantityKg)
        {
            var byMinimum = _reachableKg[d] < _compatibleKg[d];
            return ($"All-or-nothing line of {Kg(line.QuantityKg)} kg, but its compatible lots hold {Kg(_reachableKg[d])} kg in all{(byMinimum ? " (counting only lots whose minimum order the lines they can supply reach)" : string.Empty)}, so it cannot be served whole.",
                $"整单满足的需求为 {Kg(line.QuantityKg)} 公斤，但可用批次合计只有 {Kg(_reachableKg[d])} 公斤{(byMinimum ? "（仅计其可供应的需求之和达到最小起订量的批次）" : string.Empty)}，无法整单满足。");
        }

        if (line.PartialAllowed && servedKg >= _reachableKg[d] && _reachableKg[d] < line.QuantityKg)
        {
            var byMinimum = _reachableKg[d] < _compatibleKg[d];
            return ($"Its compatible lots hold {Kg(_reachableKg[d])} kg in all{(byMinimum ? " (counting only lots whose minimum order the lines they can supply reach)" : string.Empty)}, all of it served to this line: no plan can serve the other {Kg(line.QuantityKg - _reachableKg[d])} kg.",
                $"可用批次合计只有 {Kg(_reachableKg[d])} 公斤{(byMinimum ? "（仅计其可供应的需求之和达到最小起订量的批次）" : string.Empty)}，已全部供应该需求，其余 {Kg(line.QuantityKg - _reachableKg[d])} 公斤任何方案都无法满足。");
        }

        return null;
    }

    private static string Kg(long kg) => kg.ToString("N0", Invariant);
}
