using System.ComponentModel.DataAnnotations;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>The service's settings (section "SupplyMatch"); the PostgreSQL connection string is ConnectionStrings:Postgres.</summary>
public sealed class SupplyMatchOptions
{
    public const string Section = "SupplyMatch";

    /// <summary>Folder of the embedded store (SQLite files for data and jobs) when no PostgreSQL is configured.</summary>
    [Required]
    public string AppDataPath { get; set; } = "app-data";

    /// <summary>Folder holding reference/ and demo/ (defaults to the data/ copied next to the app).</summary>
    public string? DataPath { get; set; }

    /// <summary>Load data/demo into an empty store on start.</summary>
    public bool SeedDemoData { get; set; } = true;

    /// <summary>
    /// When the demo data is seeded (first start), also queue a round over the demo week with logistics planning (10 s), so
    /// that allocations, shipments, pickups, deliveries and routes are there to look at. Off by default; on in Development.
    /// </summary>
    public bool DemoRound { get; set; }

    public DemoKeyOptions DemoKeys { get; set; } = new();

    public JobOptions Jobs { get; set; } = new();
}

/// <summary>Fixed API keys for a demo: stored (hashed) and printed at start. Refused outside Development.</summary>
public sealed class DemoKeyOptions
{
    public bool Enabled { get; set; }

    public string Admin { get; set; } = "demo-admin-key";

    public string Planner { get; set; } = "demo-planner-key";

    public string Buyer { get; set; } = "demo-buyer-key";

    public string Base { get; set; } = "demo-base-key";

    /// <summary>Buyer the demo buyer key is bound to (default: the first buyer by id).</summary>
    public string? BuyerId { get; set; }

    /// <summary>Base the demo base key is bound to (default: the first base by id).</summary>
    public string? BaseId { get; set; }
}

/// <summary>Hangfire server and round job settings.</summary>
public sealed class JobOptions
{
    /// <summary>Whether this instance processes jobs (an API-only instance sets false).</summary>
    public bool RunServer { get; set; } = true;

    /// <summary>Hangfire queue this instance puts round jobs on and (when it runs a server) processes.</summary>
    [RegularExpression("^[a-z0-9_-]{1,20}$")]
    public string Queue { get; set; } = "default";

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;

    /// <summary>Name of this instance's Hangfire server (default: machine and process).</summary>
    public string? ServerName { get; set; }

    /// <summary>How often idle workers look for queued jobs and due retries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a worker's claim on a round lasts without renewal; renewed every third of it while solving.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RoundLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts of a round (workers that died mid-solve included) before it is marked failed.</summary>
    [Range(1, 20)]
    public int RoundMaxAttempts { get; set; } = 3;
}
