using System.Net.Http.Json;
using System.Text.Json;

namespace SupplyMatch.Web.Tests.Infrastructure;

/// <summary>Rounds on the demo week through the API, for tests whose subject is a screen showing them.</summary>
public static class Rounds
{
    public const string DemoFrom = "2026-12-07";
    public const string DemoTo = "2026-12-13";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Creates a round of the demo week with the given poverty bonus and waits until it is solved.</summary>
    /// <param name="logistics">The round's logistics parameter (e.g. <c>new { enabled = true, timeLimitSeconds = 10 }</c>); null plans none.</param>
    public static async Task<string> SolvedAsync(HttpClient planner, decimal povertyBonus = 0.10m, object? logistics = null)
    {
        using var response = await planner.PostAsJsonAsync("/api/v1/rounds", new
        {
            horizonFrom = DemoFrom, horizonTo = DemoTo, settings = new { timeLimitSeconds = 30, povertyBonusCnyPerKg = povertyBonus }, logistics,
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var id = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        var round = await EventuallyAsync(() => planner.GetJsonAsync($"/api/v1/rounds/{id}"), r => r.GetProperty("status").GetString() is not ("queued" or "running"));
        Assert.Equal("solved", round.GetProperty("status").GetString());
        return id;
    }

    public static async Task<string> PublishedAsync(HttpClient planner, object? logistics = null)
    {
        var id = await SolvedAsync(planner, logistics: logistics);
        using var response = await planner.PostAsync($"/api/v1/rounds/{id}/publish", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>Every item of an offset-paged round result list.</summary>
    public static async Task<List<JsonElement>> AllAsync(HttpClient client, string path)
    {
        var items = new List<JsonElement>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await client.GetJsonAsync($"{path}{(path.Contains('?', StringComparison.Ordinal) ? '&' : '?')}offset={offset}&limit=1000");
            items.AddRange(page.GetProperty("items").EnumerateArray());
            if (page.GetProperty("nextAfter").ValueKind == JsonValueKind.Null)
            {
                return items;
            }
        }
    }

    /// <summary>Polls until the condition holds or the timeout passes (never sleeps blindly).</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out; last value: {value}");
            await Task.Delay(100);
        }
    }
}
