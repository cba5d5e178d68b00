namespace SupplyMatch.Core.Scenario;

/// <summary>
/// The generator's one source of randomness. A seeded <see cref="Random"/> gives the same sequence on every
/// run and platform, so the same seed gives the same scenario.
/// </summary>
internal sealed class GeneratorRandom(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + (_random.NextDouble() * (max - min));

    /// <summary>Uniform whole number in [min, max] (both inclusive).</summary>
    public int Between(int min, int max) => _random.Next(min, max + 1);

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Chance(double p) => _random.NextDouble() < p;

    /// <summary>Standard normal (Box-Muller).</summary>
    public double Normal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median and log-scale spread.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>One of <paramref name="items"/>, uniformly.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    /// <summary>An index drawn with probability proportional to its weight.</summary>
    public int PickIndex(WeightTable weights) => weights.IndexOf(_random.NextDouble() * weights.Total);

    /// <summary>One of <paramref name="options"/> with probability proportional to its weight.</summary>
    public T PickWeighted<T>(params (T Value, double Weight)[] options)
    {
        var x = _random.NextDouble() * options.Sum(o => o.Weight);
        foreach (var (value, weight) in options)
        {
            x -= weight;
            if (x < 0)
            {
                return value;
            }
        }

        return options[^1].Value;
    }
}

/// <summary>Cumulative weights for fast weighted picks (binary search).</summary>
internal sealed class WeightTable
{
    private readonly double[] _cumulative;

    public WeightTable(IEnumerable<double> weights)
    {
        var running = 0.0;
        _cumulative = weights.Select(w => running += Math.Max(0, w)).ToArray();
    }

    public double Total => _cumulative.Length == 0 ? 0 : _cumulative[^1];

    public int IndexOf(double x)
    {
        var i = Array.BinarySearch(_cumulative, x);
        i = i < 0 ? ~i : i + 1;
        return Math.Min(i, _cumulative.Length - 1);
    }
}
