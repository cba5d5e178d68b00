using Microsoft.Extensions.DependencyInjection;
using SupplyMatch.Storage;
using SupplyMatch.Testing;

namespace SupplyMatch.Storage.Tests.Infrastructure;

/// <summary>One migrated database per test class, with every store on it.</summary>
public abstract class StoreFixture : IAsyncLifetime
{
    public Database Database { get; private set; } = null!;

    public TimeProvider Clock { get; } = TimeProvider.System;

    public Stores Stores { get; private set; } = null!;

    /// <summary>Feed secrets as the service wires them: Data Protection with its key ring in this database.</summary>
    public FeedSecrets Secrets { get; private set; } = null!;

    /// <summary>
    /// The feed secrets of another service instance on this database: its own Data Protection (nothing cached), the key
    /// ring read from the database.
    /// </summary>
    public FeedSecrets SecretsOfAnotherInstance() =>
        new ServiceCollection().AddSingleton(Database).AddSingleton(Clock).AddSupplyMatchDataProtection().BuildServiceProvider()
            .GetRequiredService<FeedSecrets>();

    /// <summary>A new empty (unmigrated) database of the same kind.</summary>
    public abstract Task<Database> CreateEmptyDatabaseAsync();

    public async Task InitializeAsync()
    {
        Database = await CreateEmptyDatabaseAsync();
        await new MigrationRunner(Database).ApplyAsync(Clock, CancellationToken.None);
        Stores = new Stores(Database, Clock);
        Secrets = SecretsOfAnotherInstance();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class PostgresStoreFixture : StoreFixture
{
    public override async Task<Database> CreateEmptyDatabaseAsync() =>
        Database.ForPostgres(await PostgresServer.CreateDatabaseAsync("store"));
}

public sealed class SqliteStoreFixture : StoreFixture
{
    public override Task<Database> CreateEmptyDatabaseAsync() =>
        Task.FromResult(Database.ForSqlite(Path.Combine(Path.GetTempPath(), "supplymatch-tests", $"{Guid.NewGuid():N}.db")));
}

/// <summary>Every store of one database, wired as the service wires them.</summary>
public sealed class Stores
{
    public Stores(Database database, TimeProvider clock)
    {
        Reference = new ReferenceDataStore(database, clock);
        Demand = new DemandStore(database, clock);
        Uploads = new DemandUploadStore(database, clock);
        Forecasts = new ForecastStore(database, clock);
        Rounds = new RoundStore(database, Reference, Demand, Forecasts, clock);
        Results = new RoundResultStore(database);
        ApiKeys = new ApiKeyStore(database, clock);
        Audit = new AuditStore(database);
        Idempotency = new IdempotencyStore(database, clock);
        Schedules = new ScheduleStore(database, clock);
    }

    public ReferenceDataStore Reference { get; }

    public DemandStore Demand { get; }

    public DemandUploadStore Uploads { get; }

    public ForecastStore Forecasts { get; }

    public RoundStore Rounds { get; }

    public RoundResultStore Results { get; }

    public ApiKeyStore ApiKeys { get; }

    public AuditStore Audit { get; }

    public IdempotencyStore Idempotency { get; }

    public ScheduleStore Schedules { get; }
}
