using System.ComponentModel.DataAnnotations;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>Settings of the feed pulls (section "SupplyMatch:Feeds").</summary>
public sealed class FeedOptions
{
    public const string Section = "SupplyMatch:Feeds";

    /// <summary>How long one HTTP request of a pull may take, body included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Largest body accepted; a larger one fails the run without a retry.</summary>
    [Range(1_024L, 1_073_741_824L)]
    public long MaxBodyBytes { get; set; } = 128L * 1024 * 1024;

    /// <summary>Requests per pull at most: the first plus retries after network errors, timeouts and 5xx answers.</summary>
    [Range(1, 10)]
    public int Attempts { get; set; } = 3;

    /// <summary>Wait before the first retry; doubled before each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a pull holds its feed; a pull whose worker died is taken over once this has passed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Serve the sample buyer and base feeds under /samples (generated from data/demo).</summary>
    public bool ServeSamples { get; set; } = true;

    /// <summary>Register the demo feeds (against /samples) when the store holds the seeded demo scenario.</summary>
    public bool DemoFeeds { get; set; } = true;

    /// <summary>Schedule of the demo feeds (cron, China Standard Time).</summary>
    public string DemoCron { get; set; } = "*/10 * * * *";

    /// <summary>Base URL of /samples for the demo feeds; default: the address the service listens on.</summary>
    public string? SamplesBaseUrl { get; set; }
}
