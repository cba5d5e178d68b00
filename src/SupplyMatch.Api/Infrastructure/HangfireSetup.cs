using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Jobs;

namespace SupplyMatch.Api.Infrastructure;

public static class HangfireSetup
{
    /// <summary>Hangfire storage, the round jobs and, unless disabled, a processing server.</summary>
    public static IServiceCollection AddSupplyMatchJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(SupplyMatchOptions.Section).Get<SupplyMatchOptions>() ?? new SupplyMatchOptions();
        var postgres = configuration.GetConnectionString("Postgres");

        // Storage and activator are this host's own services, never Hangfire's process-wide JobStorage.Current and
        // JobActivator.Current: those are replaced by whichever host configures last, which would route one host's
        // jobs into another's storage when several hosts share a process (tests, tools).
        services.AddSingleton<JobStorage>(sp =>
        {
            sp.GetRequiredService<IGlobalConfiguration>();
            return CreateStorage(options, postgres);
        });
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        if (options.Jobs.RunServer)
        {
            services.AddHangfireServer((sp, server) =>
            {
                var jobs = sp.GetRequiredService<IOptions<SupplyMatchOptions>>().Value.Jobs;
                server.WorkerCount = jobs.WorkerCount;
                server.SchedulePollingInterval = jobs.PollInterval;
                server.ServerName = jobs.ServerName ?? $"{Environment.MachineName}:{Environment.ProcessId}";
                server.Queues = [jobs.Queue];
            });
        }

        services.AddTransient<RoundJob>();
        services.AddTransient<ScheduledRoundJob>();
        services.AddTransient<RoundRescueJob>();
        services.AddSingleton<RoundScheduler>();
        services.AddSingleton<RoundLauncher>();
        return services;
    }

    /// <summary>The dashboard at /hangfire, for planner keys only.</summary>
    public static void MapSupplyMatchDashboard(this WebApplication app) =>
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            AsyncAuthorization = [new PlannerDashboardAuthorization()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "SupplyMatch jobs",
        }, app.Services.GetRequiredService<JobStorage>());

    /// <summary>
    /// Hangfire on PostgreSQL (schema "hangfire") when PostgreSQL is configured, else on a SQLite file next to the
    /// embedded store: both persist queued jobs, so nothing submitted is lost by a restart.
    /// </summary>
    private static JobStorage CreateStorage(SupplyMatchOptions options, string? postgres)
    {
        if (!string.IsNullOrWhiteSpace(postgres))
        {
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                QueuePollInterval = options.Jobs.PollInterval,
                InvisibilityTimeout = TimeSpan.FromMinutes(30),
                PrepareSchemaIfNecessary = true,
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgres, storageOptions), storageOptions);
        }

        Directory.CreateDirectory(options.AppDataPath);
        return new SQLiteStorage(Path.GetFullPath(Path.Combine(options.AppDataPath, "hangfire.db")), new SQLiteStorageOptions
        {
            QueuePollInterval = options.Jobs.PollInterval,
        });
    }

    private sealed class PlannerDashboardAuthorization : IDashboardAsyncAuthorizationFilter
    {
        public async Task<bool> AuthorizeAsync(DashboardContext context)
        {
            var http = context.GetHttpContext();
            var result = await http.RequestServices.GetRequiredService<ApiKeyAuthenticator>().AuthenticateAsync(http.Request, http.RequestAborted);
            return result?.Role == Storage.Roles.Planner;
        }
    }
}
