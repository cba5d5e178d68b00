using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SupplyMatch.Web.Tests.Infrastructure;

/// <summary>Screenshots as test artifacts, and reading numbers back from what the page shows.</summary>
public static partial class Screens
{
    /// <summary>TestResults/screenshots at the repository root (ignored by git).</summary>
    public static string Folder { get; } = CreateFolder();

    /// <param name="maxHeight">Keeps only the top of a long page, in CSS pixels.</param>
    public static async Task ShotAsync(IPage page, string name, int? maxHeight = null)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var width = page.ViewportSize?.Width ?? 1360;
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(Folder, name + ".png"),
            FullPage = true,
            Clip = maxHeight is { } height ? new Clip { X = 0, Y = 0, Width = width, Height = height } : null,
        });
    }

    /// <summary>A screenshot of one part of the page (e.g. a section), whole even when it is taller than the window.</summary>
    public static async Task ElementShotAsync(ILocator element, string name)
    {
        await element.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await element.ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Folder, name + ".png") });
    }

    /// <summary>The number in a displayed text such as "CN¥3.62/kg", "79.7%" or "4,582,648 t·km".</summary>
    public static double NumberIn(string text)
    {
        var match = NumberPattern().Match(text.Replace(",", "", StringComparison.Ordinal));
        Assert.True(match.Success, $"No number in '{text}'");
        return double.Parse(match.Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Asserts that a displayed number is the API's value rounded to the shown decimals.</summary>
    public static void AssertShows(string text, double expected, int decimals, double scale = 1)
    {
        var shown = NumberIn(text);
        var tolerance = (0.5 * Math.Pow(10, -decimals)) + 1e-9;
        Assert.True(Math.Abs(shown - (expected * scale)) <= tolerance, $"'{text}' does not show {expected * scale} to {decimals} decimals");
        Assert.Equal(decimals, DecimalsIn(text));
    }

    public static async Task<JsonElement> GetJsonAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private static int DecimalsIn(string text)
    {
        var match = NumberPattern().Match(text.Replace(",", "", StringComparison.Ordinal));
        var dot = match.Value.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : match.Value.Length - dot - 1;
    }

    private static string CreateFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SupplyMatch.sln")))
        {
            dir = dir.Parent;
        }

        var folder = Path.Combine(dir?.FullName ?? AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(folder);
        return folder;
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
