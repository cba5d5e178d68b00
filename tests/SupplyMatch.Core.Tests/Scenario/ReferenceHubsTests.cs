using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>The repository's reference data carries the hubs the logistics plan routes through.</summary>
public sealed class ReferenceHubsTests
{
    [Fact]
    public void Reference_data_holds_four_origin_hubs_and_four_distribution_centres_in_known_cities()
    {
        var loaded = ScenarioFiles.LoadReference(RepositoryDirectory("data", "reference"));

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var reference = loaded.Value!;
        Assert.Equal(["OH-CD", "OH-GY", "OH-KM", "OH-NN"], reference.Hubs.Where(h => h.Kind == HubKind.OriginHub).Select(h => h.Id).Order());
        Assert.Equal(["DC-DG", "DC-GZ", "DC-SZ", "DC-ZH"], reference.Hubs.Where(h => h.Kind == HubKind.GbaDc).Select(h => h.Id).Order());
        Assert.All(reference.Hubs.Where(h => h.Kind == HubKind.GbaDc), h => Assert.Contains(reference.Cities, c => c.Id == h.Region));
        Assert.All(reference.Hubs, h => Assert.InRange(h.Location.Lat, 21.5, 31.5));
        Assert.All(reference.Hubs, h => Assert.InRange(h.HandlingCnyPerKg, 0.01m, 1m));
    }

    [Fact]
    public void Generated_scenarios_carry_the_same_hubs_as_the_reference_data()
    {
        var reference = ScenarioFiles.LoadReference(RepositoryDirectory("data", "reference")).Value!;

        var generated = ScenarioGenerator.Generate(new GeneratorOptions(20, 20, 4, 3, 1));

        Assert.Equal(reference.Hubs.OrderBy(h => h.Id, StringComparer.Ordinal), generated.Reference.Hubs.OrderBy(h => h.Id, StringComparer.Ordinal));
    }

    [Fact]
    public void Demo_week_reads_the_hubs_of_the_reference_directory_it_points_to()
    {
        var loaded = ScenarioFiles.LoadDirectory(RepositoryDirectory("data", "demo"));

        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        Assert.Equal(8, loaded.Value!.Reference.Hubs.Count);
    }

    /// <summary>A directory of the repository, found by walking up from the test binaries.</summary>
    internal static string RepositoryDirectory(params string[] parts)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine([dir.FullName, .. parts]);
            if (Directory.Exists(path))
            {
                return path;
            }
        }

        throw new DirectoryNotFoundException(string.Join('/', parts));
    }
}
