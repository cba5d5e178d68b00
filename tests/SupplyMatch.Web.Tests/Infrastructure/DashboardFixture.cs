using Microsoft.Playwright;
using SupplyMatch.Testing;

namespace SupplyMatch.Web.Tests.Infrastructure;

[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "dashboard";
}

/// <summary>
/// One service on a throwaway PostgreSQL database seeded with the demo week, a second instance on the same database whose
/// rounds stay queued (nobody processes its queue), and Debian's headless Chromium driven by Playwright (no browser download).
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const string Planner = "demo-planner-key";
    public const string Buyer = "demo-buyer-key";
    public const string Base = "demo-base-key";
    public const string Admin = "demo-admin-key";
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run",
        "--disable-component-update", "--disable-sync",
    ];

    public DashboardHost Host { get; private set; } = null!;

    /// <summary>Serves the same dashboard, but its rounds wait on a queue that no server processes.</summary>
    public DashboardHost Held { get; private set; } = null!;

    public IPlaywright Playwright { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Assert.True(File.Exists(ChromiumPath), $"{ChromiumPath} is missing: apt-get install -y chromium chromium-driver (.ci/run does).");
        var database = await PostgresServer.CreateDatabaseAsync("web");
        Host = new DashboardHost(database, "web-a", runServer: true, queue: "default");
        Host.StartServer();
        Held = new DashboardHost(database, "web-held", runServer: false, queue: "held");
        Held.StartServer();
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser tab (its own session storage) on the dashboard, in the given language, signed in with the key.</summary>
    public async Task<IPage> SignedInAsync(string apiKey, string lang = "en", DashboardHost? host = null)
    {
        var page = await OpenAsync(lang, host);
        await page.GetByTestId("api-key").FillAsync(apiKey);
        await page.GetByTestId("sign-in").ClickAsync();
        await page.GetByTestId("whoami").WaitForAsync();
        return page;
    }

    /// <summary>A fresh tab on the sign-in page, with the language chosen before the page loads.</summary>
    public async Task<IPage> OpenAsync(string lang = "en", DashboardHost? host = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (host ?? Host).Address.ToString(),
            ViewportSize = new ViewportSize { Width = 1360, Height = 900 },
            Locale = lang == "zh" ? "zh-CN" : "en-GB",
            TimezoneId = "Europe/London",
        });
        await context.AddInitScriptAsync($"localStorage.setItem('supplymatch.lang', '{lang}');");
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        Playwright.Dispose();
        await Held.DisposeAsync();
        await Host.DisposeAsync();
    }
}
