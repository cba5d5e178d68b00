using System.Net;
using SupplyMatch.Api.Endpoints;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

public static class FeedSetup
{
    /// <summary>Feed stores, the HTTP client that pulls feeds, the pull job and its scheduler, the demo feeds and the startup sync.</summary>
    public static IServiceCollection AddSupplyMatchFeeds(this IServiceCollection services)
    {
        services.AddOptions<FeedOptions>().BindConfiguration(FeedOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FeedStore>();
        services.AddSingleton<FeedRunStore>();
        services.AddSingleton<FeedImportStore>();
        services.AddSingleton<DemandRevisionStore>();
        services.AddHttpClient(FeedFetcher.ClientName, client =>
            {
                // Each request has its own timeout (FeedOptions.Timeout) through a cancellation token.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.UserAgent.ParseAdd("SupplyMatch-Feeds/1.0");
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = true,
                MaxAutomaticRedirections = 5,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });
        services.AddSingleton<FeedFetcher>();
        services.AddSingleton<FeedPuller>();
        services.AddTransient<FeedPullJob>();
        services.AddSingleton<FeedScheduler>();
        services.AddSingleton<SampleFeeds>();
        services.AddHostedService<FeedStartup>();
        return services;
    }
}
