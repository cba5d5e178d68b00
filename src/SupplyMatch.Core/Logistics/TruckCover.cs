namespace SupplyMatch.Core.Logistics;

/// <summary>
/// The cheapest set of trucks whose capacity covers a load on one lane (an unbounded knapsack cover solved by
/// dynamic programming over capacity units), and the best cost per kg any load up to a limit can reach, which
/// is the convex envelope of the truck cost and hence the strongest per-lane linear bound.
/// </summary>
internal sealed class TruckCover
{
    /// <summary>Above this many capacity units the cover takes best-ratio trucks first and solves only the rest exactly.</summary>
    private const int ExactUnits = 20_000;

    private readonly int[] _units;
    private readonly long[] _costs;
    private readonly int _unitKg;
    private readonly int _best;
    private readonly object _gate = new();
    private long[] _table = [0];
    private int[] _choice = [-1];

    /// <param name="vehicles">Eligible vehicle indices.</param>
    /// <param name="capacities">Capacity per eligible vehicle, kg.</param>
    /// <param name="costs">Cost of one truck per eligible vehicle on this lane, fen.</param>
    public TruckCover(int[] vehicles, int[] capacities, long[] costs)
    {
        var kept = Enumerable.Range(0, vehicles.Length).Where(i => !Dominated(i, capacities, costs)).ToArray();
        Vehicles = kept.Select(i => vehicles[i]).ToArray();
        Capacities = kept.Select(i => capacities[i]).ToArray();
        _costs = kept.Select(i => costs[i]).ToArray();
        _unitKg = Capacities.Aggregate(0, Gcd);
        _units = Capacities.Select(c => c / _unitKg).ToArray();
        _best = Enumerable.Range(0, kept.Length).MinBy(i => ((decimal)_costs[i] / Capacities[i], -Capacities[i]));
    }

    /// <summary>Non-dominated eligible vehicles (no other is at least as large and at most as dear).</summary>
    public int[] Vehicles { get; }

    public int[] Capacities { get; }

    public long Cost(int slot) => _costs[slot];

    /// <summary>The capacity unit: the greatest common divisor of the capacities, kg.</summary>
    public int UnitKg => _unitKg;

    /// <summary>Cost of the cheapest cover of <paramref name="kg"/>, fen.</summary>
    public long CostOf(long kg)
    {
        if (kg <= 0)
        {
            return 0;
        }

        var units = (kg + _unitKg - 1) / _unitKg;
        long cost = 0;
        if (units > ExactUnits)
        {
            var peeled = (units - ExactUnits + _units[_best] - 1) / _units[_best];
            cost += peeled * _costs[_best];
            units -= peeled * _units[_best];
        }

        var u = (int)Math.Max(0, units);
        Ensure(u);
        return cost + _table[u];
    }

    /// <summary>The cheapest cover of <paramref name="kg"/>: its cost and the number of trucks per slot of <see cref="Vehicles"/>.</summary>
    public (long CostFen, int[] Count) Cover(long kg)
    {
        var count = new int[_units.Length];
        if (kg <= 0)
        {
            return (0, count);
        }

        var units = (kg + _unitKg - 1) / _unitKg;
        long cost = 0;
        if (units > ExactUnits)
        {
            var peeled = (int)((units - ExactUnits + _units[_best] - 1) / _units[_best]);
            count[_best] += peeled;
            cost += peeled * _costs[_best];
            units -= (long)peeled * _units[_best];
        }

        var u = (int)Math.Max(0, units);
        Ensure(u);
        cost += _table[u];
        while (u > 0)
        {
            var v = _choice[u];
            count[v]++;
            u = Math.Max(0, u - _units[v]);
        }

        return (cost, count);
    }

    /// <summary>
    /// floor(1000 x min over 0 &lt; y &lt;= <paramref name="maxKg"/> of cost(y) / y): milli-fen per kg. Valid because the
    /// cost of any load y up to the limit is at least this rate times y.
    /// </summary>
    public long RateMilliFen(long maxKg)
    {
        if (maxKg <= 0 || maxKg >= Capacities[_best])
        {
            return 1000 * _costs[_best] / Capacities[_best];
        }

        var top = (int)((maxKg + _unitKg - 1) / _unitKg);
        Ensure(top);
        var best = decimal.MaxValue;
        for (var u = 1; u <= top; u++)
        {
            var y = Math.Min(maxKg, (long)u * _unitKg);
            best = Math.Min(best, (decimal)_table[u] / y);
        }

        return (long)Math.Floor(best * 1000);
    }

    /// <summary>Extends the table: cost[u] = min over vehicles of cost + cost[max(0, u - units)].</summary>
    private void Ensure(int units)
    {
        if (units < Volatile.Read(ref _table).Length)
        {
            return;
        }

        lock (_gate)
        {
            if (units < _table.Length)
            {
                return;
            }

            var size = Math.Max(units + 1, _table.Length * 2);
            var table = new long[size];
            var choice = new int[size];
            Array.Copy(_table, table, _table.Length);
            Array.Copy(_choice, choice, _choice.Length);
            for (var u = _table.Length; u < size; u++)
            {
                table[u] = long.MaxValue;
                for (var v = 0; v < _units.Length; v++)
                {
                    var value = _costs[v] + table[Math.Max(0, u - _units[v])];
                    if (value < table[u])
                    {
                        table[u] = value;
                        choice[u] = v;
                    }
                }
            }

            _choice = choice;
            Volatile.Write(ref _table, table);
        }
    }

    private static bool Dominated(int i, int[] capacities, long[] costs)
    {
        for (var j = 0; j < capacities.Length; j++)
        {
            var atLeast = capacities[j] >= capacities[i] && costs[j] <= costs[i];
            var better = capacities[j] > capacities[i] || costs[j] < costs[i] || j < i;
            if (j != i && atLeast && better)
            {
                return true;
            }
        }

        return false;
    }

    private static int Gcd(int a, int b) => b == 0 ? a : Gcd(b, a % b);
}
