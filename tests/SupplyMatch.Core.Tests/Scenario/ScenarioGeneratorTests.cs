using System.Text.Json;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Tests.Scenario;

public sealed class ScenarioGeneratorTests
{
    private static readonly GeneratorOptions Medium = new(600, 1_200, 25, 5, 2024);

    private static string Json(MatchingProblem problem) => JsonSerializer.Serialize(problem, MatchingJson.Options);

    [Fact]
    public void The_same_seed_gives_an_identical_problem_and_another_seed_a_different_one()
    {
        var first = ScenarioGenerator.Generate(Medium);
        var again = ScenarioGenerator.Generate(Medium);
        var other = ScenarioGenerator.Generate(Medium with { Seed = 2025 });

        Assert.Equal(Json(first), Json(again));
        Assert.NotEqual(Json(first), Json(other));
    }

    [Fact]
    public void Sizes_are_as_asked_and_ids_are_unique()
    {
        var problem = ScenarioGenerator.Generate(Medium with { Bases = 40, Buyers = 30 });

        Assert.Equal(600, problem.Lots.Select(l => l.Id).Distinct().Count());
        Assert.Equal(1_200, problem.Lines.Select(l => l.Id).Distinct().Count());
        Assert.Equal(25, problem.Reference.Products.Select(p => p.Code).Distinct().Count());
        Assert.Equal(40, problem.Reference.Bases.Select(b => b.Id).Distinct().Count());
        Assert.Equal(30, problem.Reference.Buyers.Select(b => b.Id).Distinct().Count());
    }

    [Fact]
    public void Dates_stay_around_the_horizon()
    {
        var options = Medium with { StartDate = new DateOnly(2026, 3, 2) };
        var problem = ScenarioGenerator.Generate(options);
        var start = options.StartDate;
        var end = start.AddDays(options.Days);

        Assert.All(problem.Lines, l => Assert.InRange(l.Earliest, start.AddDays(1), end));
        Assert.All(problem.Lines, l => Assert.InRange(l.Latest.DayNumber - l.Earliest.DayNumber, 0, 3));
        Assert.All(problem.Lots, l => Assert.InRange(l.HarvestDate, start.AddDays(-1), end));
        Assert.All(problem.Lots, l => Assert.True(l.HarvestDate <= l.AvailableFrom && l.AvailableFrom <= l.AvailableTo));
    }

    [Fact]
    public void Every_generated_reference_resolves_when_the_written_directory_is_loaded_strictly()
    {
        var problem = ScenarioGenerator.Generate(Medium);
        var directory = ScenarioDirectory.NewTempDirectory();
        try
        {
            ScenarioFiles.WriteDirectory(problem, directory);

            var loaded = ScenarioFiles.LoadDirectory(directory);

            Assert.True(loaded.Ok, string.Join("\n", loaded.Errors.Take(20)));
            ProblemAssert.Equal(problem, loaded.Value!);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Every_generated_row_passes_the_rules_the_service_applies_to_typed_input()
    {
        var problem = ScenarioGenerator.Generate(Medium);
        var index = ReferenceIndex.Create(problem.Reference);

        Assert.Empty(problem.Lots.SelectMany(l => HarvestLotRules.Validate(l, index)));
        Assert.Empty(problem.Lines.SelectMany(l => DemandLineRules.Validate(l, index)));
    }

    [Fact]
    public void Bases_lie_in_the_four_partner_provinces_near_their_county_seat_and_most_are_poverty_linked()
    {
        var bases = ScenarioGenerator.Generate(Medium with { Bases = 200 }).Reference.Bases;

        Assert.Equal(Enum.GetValues<Province>().Order(), bases.Select(b => b.Province).Distinct().Order());
        Assert.All(bases, b => Assert.InRange(b.Location.Lat, 21.0, 33.0));
        Assert.All(bases, b => Assert.InRange(b.Location.Lon, 97.0, 112.5));
        Assert.InRange(bases.Count(b => b.PovertyLinked) / (double)bases.Count, 0.5, 0.9);
        Assert.InRange(bases.Count(b => b.Certifications.Contains("gba_basket")) / (double)bases.Count, 0.3, 0.6);
    }

    [Fact]
    public void Buyers_are_in_every_gba_city_and_big_cities_have_more()
    {
        var problem = ScenarioGenerator.Generate(Medium with { Buyers = 300 });
        var perCity = problem.Reference.Buyers.GroupBy(b => b.CityId).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(11, problem.Reference.Cities.Count);
        Assert.Equal(problem.Reference.Cities.Select(c => c.Id).Order(), perCity.Keys.Order());
        Assert.True(perCity["GZ"] > perCity["ZH"] && perCity["SZ"] > perCity["MO"]);
        Assert.All(problem.Reference.Buyers.Where(b => b.Type == BuyerType.Importer), b => Assert.Contains(b.CityId, new[] { "HK", "MO" }));
        Assert.Contains(problem.Reference.Buyers, b => b.RequiredCertifications.Contains("gba_basket"));
        Assert.All(problem.Reference.Buyers, b => Assert.True(b.ReceiveFrom < b.ReceiveTo));
    }

    [Fact]
    public void Vehicle_types_are_four_refrigerated_sizes_and_one_ambient_truck()
    {
        var vehicles = ScenarioGenerator.Generate(Medium).Reference.VehicleTypes;

        Assert.Equal([2_000, 8_000, 15_000, 25_000], vehicles.Where(v => v.Refrigerated).Select(v => v.CapacityKg).Order());
        Assert.Equal(18_000, Assert.Single(vehicles, v => !v.Refrigerated).CapacityKg);
    }

    [Fact]
    public void Lot_and_line_sizes_are_skewed_like_log_normal_distributions()
    {
        var problem = ScenarioGenerator.Generate(new GeneratorOptions(4_000, 4_000, 30, 7, 5));
        var lots = problem.Lots.Select(l => (double)l.QuantityKg).Order().ToArray();

        var median = lots[lots.Length / 2];
        Assert.InRange(median, 3_000, 5_000);
        Assert.True(lots.Average() > median * 1.2, "mean above median: right-skewed");
        Assert.True(lots[^1] > median * 8, "a long right tail");
        Assert.All(problem.Lots, l => Assert.True(l.FirmKg is null || l.FirmKg <= l.QuantityKg));
        Assert.All(problem.Lots, l => Assert.InRange(l.MinOrderKg, 0, l.QuantityKg));
    }

    [Fact]
    public void Ceilings_mostly_cover_the_typical_landed_price_but_some_are_too_low()
    {
        var problem = ScenarioGenerator.Generate(new GeneratorOptions(2_000, 3_000, 20, 7, 9));
        var transport = new TransportModel(problem.Reference, problem.Settings);
        var products = problem.Reference.Products.ToDictionary(p => p.Code);
        var buyers = problem.Reference.Buyers.ToDictionary(b => b.Id);
        var basesById = problem.Reference.Bases.ToDictionary(b => b.Id);

        // The cheapest landed price any lot of the product and grade could reach the buyer at.
        var cheapestLanded = problem.Lines.Select(line =>
            problem.Lots.Where(l => l.ProductCode == line.ProductCode && l.Grade >= line.MinGrade)
                .Select(l => l.PriceCnyPerKg + Money.ToCny(transport.Leg(basesById[l.BaseId], buyers[line.BuyerId], products[line.ProductCode].NeedsColdChain).TariffFenPerKg))
                .DefaultIfEmpty(decimal.MaxValue).Min()).ToArray();
        var tooLow = problem.Lines.Where((line, i) => line.MaxLandedCnyPerKg < cheapestLanded[i]).Count() / (double)problem.Lines.Count;

        Assert.InRange(tooLow, 0.05, 0.35);
    }

    [Fact]
    public void Freshness_windows_and_priorities_cover_their_documented_ranges()
    {
        var lines = ScenarioGenerator.Generate(Medium).Lines;

        Assert.Equal(30, lines.Min(l => l.MinFreshnessPercent));
        Assert.Equal(80, lines.Max(l => l.MinFreshnessPercent));
        Assert.Equal([1, 2, 3, 4, 5], lines.Select(l => l.Priority).Distinct().Order());
        Assert.Contains(lines, l => !l.PartialAllowed);
    }

    [Fact]
    public void More_products_than_the_catalogue_are_made_up_as_numbered_varieties()
    {
        var products = ScenarioGenerator.Generate(Medium with { Products = 150 }).Reference.Products;

        Assert.Equal(150, products.Select(p => p.Code).Distinct().Count());
        Assert.Contains(products, p => p.Code.EndsWith("-V2", StringComparison.Ordinal));
        Assert.Equal(8, products.Select(p => p.Category).Distinct().Count());
    }

    [Fact]
    public void The_benchmark_scale_is_generated_at_full_size()
    {
        var problem = ScenarioGenerator.Generate(new GeneratorOptions(10_000, 20_000, 60, 7, 1));

        Assert.Equal((10_000, 20_000, 60), (problem.Lots.Count, problem.Lines.Count, problem.Reference.Products.Count));
        Assert.Equal(60, problem.Lines.Select(l => l.ProductCode).Distinct().Count());
    }

    [Theory]
    [InlineData(0, 10, 5, 3)]
    [InlineData(10, -1, 5, 3)]
    [InlineData(10, 10, 0, 3)]
    [InlineData(10, 10, 5, 0)]
    public void Options_out_of_range_are_refused(int lots, int lines, int products, int days)
    {
        var options = new GeneratorOptions(lots, lines, products, days, 1);

        Assert.NotEmpty(options.Problems());
        Assert.Throws<ArgumentException>(() => ScenarioGenerator.Generate(options));
    }
}
