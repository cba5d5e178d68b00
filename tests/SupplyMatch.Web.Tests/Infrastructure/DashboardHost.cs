using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace SupplyMatch.Web.Tests.Infrastructure;

/// <summary>
/// The real service on Kestrel at a free loopback port (a browser cannot reach the in-memory test server), on the given
/// PostgreSQL database, seeded with the demo week and with the demo keys.
/// </summary>
public sealed class DashboardHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly int _port = FreePort();

    /// <param name="runServer">Whether this instance processes round jobs.</param>
    /// <param name="queue">The queue its round jobs go to: a queue no instance processes keeps its rounds queued.</param>
    public DashboardHost(string postgres, string serverName, bool runServer, string queue)
    {
        _settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Postgres"] = postgres,
            ["SupplyMatch:AppDataPath"] = Path.Combine(Path.GetTempPath(), "supplymatch-web-tests", Guid.NewGuid().ToString("N")),
            ["SupplyMatch:SeedDemoData"] = "true",
            ["SupplyMatch:DemoKeys:Enabled"] = "true",
            ["SupplyMatch:Jobs:RunServer"] = runServer ? "true" : "false",
            ["SupplyMatch:Jobs:ServerName"] = serverName,
            ["SupplyMatch:Jobs:Queue"] = queue,
            ["SupplyMatch:Jobs:WorkerCount"] = "2",
            ["SupplyMatch:Jobs:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        UseKestrel(o => o.Listen(IPAddress.Loopback, _port));
    }

    /// <summary>Where the dashboard is served, e.g. http://127.0.0.1:45123/.</summary>
    public Uri Address => new($"http://127.0.0.1:{_port}/");

    /// <summary>A plain HTTP client on the real server, sending the given API key.</summary>
    public HttpClient Api(string apiKey)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
