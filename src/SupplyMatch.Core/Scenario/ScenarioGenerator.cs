using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Scenario;

/// <summary>Size and seed of a generated scenario.</summary>
/// <param name="Lots">Harvest lots to generate.</param>
/// <param name="Lines">Demand lines to generate.</param>
/// <param name="Products">Products (beyond the catalogue's distinct products, numbered varieties are added).</param>
/// <param name="Days">Planning horizon in days from <see cref="StartDate"/>.</param>
/// <param name="Seed">Same seed, same scenario.</param>
public sealed record GeneratorOptions(int Lots, int Lines, int Products, int Days, int Seed)
{
    /// <summary>First day of the horizon (CST).</summary>
    public DateOnly StartDate { get; init; } = new(2026, 6, 1);

    /// <summary>Number of bases; by default one per 20 lots (at least 8).</summary>
    public int? Bases { get; init; }

    /// <summary>Number of buyers; by default one per 40 lines (at least the 11 GBA cities).</summary>
    public int? Buyers { get; init; }

    /// <summary>The accepted range of each size, by its name (lots, lines, products, days, bases, buyers).</summary>
    public static IReadOnlyDictionary<string, (int Min, int Max)> Ranges { get; } = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["lots"] = (1, 1_000_000),
        ["lines"] = (1, 1_000_000),
        ["products"] = (1, 1_000),
        ["days"] = (1, 366),
        ["bases"] = (1, 100_000),
        ["buyers"] = (1, 100_000),
    };

    /// <summary>What is out of range, as "--lots must be ..." messages; empty when the options are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        void Require(string name, int? value)
        {
            var (min, max) = Ranges[name];
            if (value is not null && (value < min || value > max))
            {
                problems.Add($"{name} must be from {min} to {max} (got {value})");
            }
        }

        Require("lots", Lots);
        Require("lines", Lines);
        Require("products", Products);
        Require("days", Days);
        Require("bases", Bases);
        Require("buyers", Buyers);
        if (problems.Count == 0 && (StartDate.DayNumber - 1 < PlanningCalendar.Earliest.DayNumber || StartDate.DayNumber + Days + 3 > PlanningCalendar.Latest.DayNumber))
        {
            // Lots are harvested from the day before the horizon and lines may close three days after its end.
            var last = DateOnly.FromDayNumber(PlanningCalendar.Latest.DayNumber - Days - 3);
            problems.Add($"start-date must be from {PlanningCalendar.Earliest.AddDays(1):yyyy-MM-dd} to {last:yyyy-MM-dd} for a {Days}-day horizon "
                + $"(every generated day lies in {PlanningCalendar.Earliest:yyyy-MM-dd}..{PlanningCalendar.Latest:yyyy-MM-dd}; got {StartDate:yyyy-MM-dd})");
        }

        return problems;
    }
}

/// <summary>
/// Synthetic scenarios at any scale with realistic shapes: bases around real county seats of the four partner
/// provinces, buyers in the 11 GBA cities by population, products with category shelf lives, log-normal lot
/// and line sizes, base-level price variation, ceilings around the typical landed price (some too low), and the
/// eight consolidation hubs and distribution centres of the reference data, so that logistics can be planned.
/// Deterministic: the same options give the same problem.
/// </summary>
public static class ScenarioGenerator
{
    /// <summary>Generates a problem with default settings.</summary>
    public static MatchingProblem Generate(GeneratorOptions options)
    {
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var random = new GeneratorRandom(options.Seed);
        var products = GeneratorProducts.Take(options.Products, random);
        var bases = GeneratorParties.Bases(options.Bases ?? Math.Max(8, options.Lots / 20), products, random);
        var buyers = GeneratorParties.Buyers(options.Buyers ?? Math.Max(GeneratorCatalog.Cities.Length, options.Lines / 40), random);
        var reference = new ReferenceData(
            products.Select(p => p.Product).ToArray(),
            GeneratorCatalog.Cities.Select(c => c.City).ToArray(),
            bases.Select(b => b.Base).ToArray(),
            buyers.Select(b => b.Buyer).ToArray(),
            GeneratorCatalog.VehicleTypes.ToArray(),
            GeneratorParties.Lanes(bases, random))
        {
            Hubs = GeneratorCatalog.Hubs.ToArray(),
        };
        var settings = new MatchingSettings();
        var lots = GeneratorSupplyDemand.Lots(options, products, bases, random);
        var tariffs = TypicalTariffs(reference, bases, settings);
        var lines = GeneratorSupplyDemand.Lines(options, products, buyers, tariffs, random);
        return new MatchingProblem(reference, lots, lines, settings);
    }

    /// <summary>
    /// Typical transport CNY/kg to each buyer (ambient, cold chain): the mean tariff from a fixed sample of bases,
    /// so that ceilings can be set around a landed price that real supply can meet.
    /// </summary>
    private static Dictionary<string, (decimal Ambient, decimal Cold)> TypicalTariffs(
        ReferenceData reference, IReadOnlyList<GeneratedBase> bases, MatchingSettings settings)
    {
        var transport = new TransportModel(reference, settings);
        var step = Math.Max(1, bases.Count / 12);
        var sample = bases.Where((_, i) => i % step == 0).Select(b => b.Base).ToArray();
        return reference.Buyers.ToDictionary(
            b => b.Id,
            b => (Mean(sample.Select(s => transport.Leg(s, b, needsColdChain: false))),
                  Mean(sample.Select(s => transport.Leg(s, b, needsColdChain: true)))),
            StringComparer.Ordinal);
    }

    private static decimal Mean(IEnumerable<TransportLeg> legs)
    {
        var fen = legs.Where(l => l.Feasible).Select(l => l.TariffFenPerKg).DefaultIfEmpty(60).Average();
        return Money.ToCny((long)Math.Round(fen));
    }
}
