using SupplyMatch.Storage;

namespace SupplyMatch.Api.Infrastructure;

public static class StorageSetup
{
    /// <summary>
    /// PostgreSQL when ConnectionStrings:Postgres is set, the embedded SQLite file otherwise; every store on it, and Data
    /// Protection with its key ring in the same database (it encrypts the feeds' auth secrets).
    /// </summary>
    public static IServiceCollection AddSupplyMatchStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var postgres = configuration.GetConnectionString("Postgres");
            if (!string.IsNullOrWhiteSpace(postgres))
            {
                return Database.ForPostgres(postgres);
            }

            var options = configuration.GetSection(SupplyMatchOptions.Section).Get<SupplyMatchOptions>() ?? new SupplyMatchOptions();
            return Database.ForSqlite(Path.Combine(options.AppDataPath, "supplymatch.db"));
        });
        services.AddSupplyMatchDataProtection();
        services.AddSingleton<ReferenceDataStore>();
        services.AddSingleton<DemandStore>();
        services.AddSingleton<DemandUploadStore>();
        services.AddSingleton<ForecastStore>();
        services.AddSingleton<RoundStore>();
        services.AddSingleton<RoundResultStore>();
        services.AddSingleton<LogisticsStore>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<AuditStore>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<ScenarioImporter>();
        services.AddSingleton<StartupTasks>();
        return services;
    }
}
