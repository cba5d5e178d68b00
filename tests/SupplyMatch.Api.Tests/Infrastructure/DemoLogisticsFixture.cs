using System.Net;
using SupplyMatch.Core.Logistics;
using SupplyMatch.Core.Matching;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Tests.Infrastructure;

/// <summary>
/// The demo week on the embedded store with two solved rounds: the demo round queued at first start (logistics, 10 s) and
/// one without logistics over the same horizon. Shared by the tests of one class; they only read (publishing does not
/// change results).
/// </summary>
public sealed class DemoLogisticsFixture : IAsyncLifetime
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(240);

    public ApiHost Host { get; private set; } = null!;

    public HttpClient Planner { get; private set; } = null!;

    public Guid RoundId { get; private set; }

    public Guid PlainRoundId { get; private set; }

    /// <summary>The round's snapshot, as the service stored it.</summary>
    public MatchingProblem Problem { get; private set; } = null!;

    /// <summary>The logistics plan, as the service stored it.</summary>
    public LogisticsResult Plan { get; private set; } = null!;

    public RoundLogistics Parameter { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "supplymatch-demo", Guid.NewGuid().ToString("N"));
        Host = new ApiHost(null, "demo-logistics", appDataPath: folder, seed: true, demoKeys: true, queue: "demo-logistics", demoRound: true);
        Planner = Host.Client("demo-planner-key");
        var queued = await (await Planner.GetAsync("/api/v1/rounds")).ExpectAsync(HttpStatusCode.OK);
        var demoRound = Assert.Single(queued.EnumerateArray());
        Assert.True(demoRound.GetProperty("logistics").GetProperty("enabled").GetBoolean());
        RoundId = demoRound.GetProperty("id").GetGuid();
        var horizon = new { horizonFrom = demoRound.GetProperty("horizonFrom").GetString(), horizonTo = demoRound.GetProperty("horizonTo").GetString() };
        PlainRoundId = (await (await Planner.PostJsonAsync("/api/v1/rounds", horizon)).ExpectAsync(HttpStatusCode.Accepted)).GetProperty("id").GetGuid();
        foreach (var id in new[] { RoundId, PlainRoundId })
        {
            var round = await Http.EventuallyAsync(async () => await (await Planner.GetAsync($"/api/v1/rounds/{id}")).JsonAsync(),
                r => Rounds.IsTerminal(r.GetProperty("status").GetString()), Timeout, $"round {id} to finish");
            Assert.True(round.GetProperty("status").GetString() == "solved", $"round did not solve: {round}");
        }

        var record = await Host.Service<RoundStore>().GetRoundAsync(RoundId, CancellationToken.None);
        Parameter = record!.Logistics!;
        Problem = (await Host.Service<RoundStore>().LoadRoundSnapshotAsync(RoundId, CancellationToken.None))!;
        Plan = (await Host.Service<LogisticsStore>().LoadLogisticsAsync(RoundId, CancellationToken.None))!;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
