using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace SupplyMatch.Storage;

/// <summary>Which database engine holds the SupplyMatch tables.</summary>
public enum DatabaseKind
{
    /// <summary>PostgreSQL through Npgsql; tables in the <c>supplymatch</c> schema.</summary>
    Postgres,

    /// <summary>The embedded default: one SQLite file.</summary>
    Sqlite,
}

/// <summary>
/// The one data source of the service. Stores write SQL that both engines accept (named parameters,
/// <c>ON CONFLICT</c>, <c>RETURNING</c>, ISO dates) and branch on <see cref="Kind"/> only for bulk paths.
/// </summary>
public sealed class Database : IAsyncDisposable
{
    /// <summary>Schema of the SupplyMatch tables on PostgreSQL (Hangfire uses its own).</summary>
    public const string Schema = "supplymatch";

    // WAL lets readers proceed while one writer commits; NORMAL sync is durable in WAL mode across crashes of the process.
    private const string SqlitePragmas = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";

    private Database(DbDataSource dataSource, DatabaseKind kind, string description)
    {
        DataSource = dataSource;
        Kind = kind;
        Description = description;
    }

    public DbDataSource DataSource { get; }

    public DatabaseKind Kind { get; }

    /// <summary>Where the data lives, without credentials (for logs).</summary>
    public string Description { get; }

    public bool IsPostgres => Kind == DatabaseKind.Postgres;

    /// <summary>A PostgreSQL database; unqualified table names resolve to the <c>supplymatch</c> schema.</summary>
    public static Database ForPostgres(string connectionString)
    {
        var csb = new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = Schema };
        var description = $"PostgreSQL {csb.Host}:{csb.Port}/{csb.Database}";
        return new Database(new NpgsqlDataSourceBuilder(csb.ConnectionString).Build(), DatabaseKind.Postgres, description);
    }

    /// <summary>An embedded SQLite file (created with its folder when missing).</summary>
    public static Database ForSqlite(string filePath)
    {
        var full = Path.GetFullPath(filePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var csb = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            ForeignKeys = true,
            DefaultTimeout = 60,
            Pooling = true,
        };
        return new Database(SqliteFactory.Instance.CreateDataSource(csb.ConnectionString), DatabaseKind.Sqlite, $"SQLite {full}");
    }

    public async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = await DataSource.OpenConnectionAsync(ct);
        if (connection is SqliteConnection sqlite)
        {
            await using var pragma = sqlite.CreateCommand();
            pragma.CommandText = SqlitePragmas;
            await pragma.ExecuteNonQueryAsync(ct);
        }

        return connection;
    }

    /// <summary>A connection for callers with a synchronous contract (the Data Protection key ring).</summary>
    public DbConnection Open()
    {
        var connection = DataSource.OpenConnection();
        if (connection is SqliteConnection sqlite)
        {
            using var pragma = sqlite.CreateCommand();
            pragma.CommandText = SqlitePragmas;
            pragma.ExecuteNonQuery();
        }

        return connection;
    }

    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}

/// <summary>Small helpers that keep SQL next to the method that runs it.</summary>
public static class DbCommandExtensions
{
    public static DbCommand Sql(this DbConnection connection, string sql, DbTransaction? transaction = null)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    public static DbCommand With(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            DateTimeOffset t => t.ToUniversalTime(),
            _ => value,
        };
        command.Parameters.Add(parameter);
        return command;
    }

    /// <summary>A JSON document parameter: jsonb on PostgreSQL, text on SQLite.</summary>
    public static DbCommand WithJson(this DbCommand command, string name, string? json)
    {
        if (command is NpgsqlCommand npgsql)
        {
            npgsql.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Jsonb) { Value = (object?)json ?? DBNull.Value });
            return command;
        }

        return command.With(name, json);
    }

    public static T? Nullable<T>(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? default : reader.GetFieldValue<T>(ordinal);

    public static T? NullableValue<T>(this DbDataReader reader, int ordinal)
        where T : struct =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<T>(ordinal);

    public static DateTimeOffset Timestamp(this DbDataReader reader, int ordinal) =>
        reader.GetFieldValue<DateTimeOffset>(ordinal).ToUniversalTime();

    public static DateTimeOffset? NullableTimestamp(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.Timestamp(ordinal);

    public static async Task<int> ExecuteAsync(this DbCommand command, CancellationToken ct)
    {
        await using (command)
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
    }
}
