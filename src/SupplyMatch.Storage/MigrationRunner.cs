using System.Data.Common;
using System.Reflection;

namespace SupplyMatch.Storage;

/// <summary>A versioned schema script embedded in this assembly.</summary>
public sealed record Migration(int Version, string Name, string Sql);

/// <summary>
/// Applies the embedded migrations of the database's engine in version order, each recorded in
/// <c>schema_migrations</c>. On PostgreSQL the whole run holds <c>pg_advisory_xact_lock</c> inside one
/// transaction, so two instances starting at once apply each version exactly once; SQLite's
/// immediate transaction takes the file's write lock to the same effect.
/// </summary>
public sealed class MigrationRunner(Database database)
{
    private const long AdvisoryLockKey = 0x5355_5050_4c59; // "SUPPLY"

    public static IReadOnlyList<Migration> Embedded(DatabaseKind kind)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{assembly.GetName().Name}.Migrations.{kind}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => Load(assembly, n, n[prefix.Length..^4]))
            .OrderBy(m => m.Version)
            .ToList();
    }

    /// <summary>Applies what is missing; returns the versions applied by this call.</summary>
    public async Task<IReadOnlyList<int>> ApplyAsync(TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (database.IsPostgres)
        {
            await connection.Sql("SELECT pg_advisory_xact_lock(@key)", tx).With("key", AdvisoryLockKey).ExecuteAsync(ct);
            await connection.Sql($"CREATE SCHEMA IF NOT EXISTS {Database.Schema}", tx).ExecuteAsync(ct);
        }

        await connection.Sql(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                applied_at text NOT NULL
            )
            """, tx).ExecuteAsync(ct);
        var applied = await AppliedVersionsAsync(connection, tx, ct);
        var now = clock.Now().ToString("O");
        var done = new List<int>();
        foreach (var migration in Embedded(database.Kind).Where(m => !applied.Contains(m.Version)))
        {
            await connection.Sql(migration.Sql, tx).ExecuteAsync(ct);
            await connection.Sql("INSERT INTO schema_migrations (version, name, applied_at) VALUES (@v, @n, @at)", tx)
                .With("v", migration.Version).With("n", migration.Name).With("at", now).ExecuteAsync(ct);
            done.Add(migration.Version);
        }

        await tx.CommitAsync(ct);
        return done;
    }

    private static async Task<HashSet<int>> AppliedVersionsAsync(DbConnection connection, DbTransaction tx, CancellationToken ct)
    {
        await using var command = connection.Sql("SELECT version FROM schema_migrations", tx);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var versions = new HashSet<int>();
        while (await reader.ReadAsync(ct))
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }

    private static Migration Load(Assembly assembly, string resource, string fileName)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        var underscore = fileName.IndexOf('_', StringComparison.Ordinal);
        var version = int.Parse(fileName[..underscore], System.Globalization.CultureInfo.InvariantCulture);
        return new Migration(version, fileName[(underscore + 1)..], reader.ReadToEnd());
    }
}
