using SupplyMatch.Core.Routing;

namespace SupplyMatch.Core.Tests.Routing;

/// <summary>The Solomon instances copied next to the tests (Routing/Solomon/*.txt, CRLF as distributed).</summary>
internal static class SolomonFiles
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Routing", "Solomon", name + ".txt");

    public static SolomonInstance Read(string name)
    {
        var result = SolomonReader.ReadFile(PathOf(name));
        return result.Instance ?? throw new InvalidOperationException($"{name}: {result.Error}");
    }

    public static RoutingProblem Problem(string name, TimeSpan timeLimit) =>
        Read(name).ToProblem(ArcRounding.Dimacs, new RoutingSettings(timeLimit));
}
