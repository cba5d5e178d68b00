using System.Text.Json;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>Field-by-field equality of problems (sets compared as sets, settings through their JSON).</summary>
internal static class ProblemAssert
{
    private static readonly IReadOnlySet<string> NoSet = new HashSet<string>();

    public static void Equal(MatchingProblem expected, MatchingProblem actual)
    {
        Assert.Equal(expected.Reference.Cities, actual.Reference.Cities);
        Assert.Equal(expected.Reference.Products, actual.Reference.Products);
        Assert.Equal(expected.Reference.VehicleTypes, actual.Reference.VehicleTypes);
        Assert.Equal(expected.Reference.Lanes, actual.Reference.Lanes);
        Assert.Equal(expected.Reference.Hubs, actual.Reference.Hubs);
        Assert.Equal(expected.Reference.Bases.Select(WithoutSets), actual.Reference.Bases.Select(WithoutSets));
        Assert.Equal(expected.Reference.Bases.Select(b => Sorted(b.Certifications)), actual.Reference.Bases.Select(b => Sorted(b.Certifications)));
        Assert.Equal(expected.Reference.Buyers.Select(WithoutSets), actual.Reference.Buyers.Select(WithoutSets));
        Assert.Equal(expected.Reference.Buyers.Select(b => Sorted(b.RequiredCertifications)), actual.Reference.Buyers.Select(b => Sorted(b.RequiredCertifications)));
        Assert.Equal(expected.Lots, actual.Lots);
        Assert.Equal(expected.Lines, actual.Lines);
        Assert.Equal(JsonSerializer.Serialize(expected.Settings, MatchingJson.Options), JsonSerializer.Serialize(actual.Settings, MatchingJson.Options));
    }

    private static Base WithoutSets(Base b) => b with { Certifications = NoSet };

    private static Buyer WithoutSets(Buyer b) => b with { RequiredCertifications = NoSet };

    private static string Sorted(IReadOnlySet<string> set) => string.Join(";", set.Order(StringComparer.Ordinal));
}
