using System.Data.Common;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SupplyMatch.Core.Domain;

namespace SupplyMatch.Storage;

/// <summary>A stored demand line with its state.</summary>
/// <param name="Status">"open" or "cancelled".</param>
public sealed record DemandLineRecord(DemandLine Line, string Status, int Version, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>Outcome of changing or cancelling a line.</summary>
public enum LineChange
{
    Done,
    NotFound,
    AlreadyCancelled,

    /// <summary>A round whose cutoff has passed holds the line in its snapshot.</summary>
    PastCutoff,
}

/// <summary>Buyers' demand lines: batch intake, listing, change and cancel until a round's cutoff.</summary>
public sealed class DemandStore(Database database, TimeProvider clock)
{
    private const string Columns =
        "id, buyer_id, product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority, status, version, created_at, updated_at";

    /// <summary>Stores new lines in one transaction (binary COPY on PostgreSQL) with one audit entry; returns the stored time.</summary>
    public async Task<DateTimeOffset> SubmitAsync(IReadOnlyList<DemandLine> lines, Actor actor, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await InsertAsync(connection, tx, lines, now, ct);
        var detail = JsonSerializer.Serialize(new { count = lines.Count, ids = lines.Select(l => l.Id) });
        await AuditStore.AppendAsync(connection, tx, actor, now, "submit", "demand_line", lines[0].Id, detail, ct);
        await tx.CommitAsync(ct);
        return now;
    }

    public async Task<DemandLineRecord?> GetAsync(string id, string? buyerId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql($"SELECT {Columns} FROM demand_lines WHERE id = @id").With("id", id);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var record = Read(reader);
        return buyerId is null || record.Line.BuyerId == buyerId ? record : null;
    }

    /// <summary>Lines ordered by id, after <paramref name="afterId"/> (keyset paging).</summary>
    public async Task<IReadOnlyList<DemandLineRecord>> ListAsync(
        string? buyerId, string? status, string? afterId, int limit, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct);
        await using var command = connection.Sql("");
        var where = new List<string>();
        if (buyerId is not null) { where.Add("buyer_id = @buyer"); command.With("buyer", buyerId); }
        if (status is not null) { where.Add("status = @status"); command.With("status", status); }
        if (afterId is not null) { where.Add("id > @after"); command.With("after", afterId); }
        var filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        command.CommandText = $"SELECT {Columns} FROM demand_lines {filter} ORDER BY id LIMIT @limit";
        command.With("limit", limit);
        return await ReadAllAsync(command, ct);
    }

    /// <summary>Replaces a line's terms (not its id or buyer) unless a round past its cutoff holds it.</summary>
    public Task<LineChange> ChangeAsync(DemandLine line, Actor actor, CancellationToken ct) =>
        ModifyAsync(line.Id, line.BuyerId, actor, "change", JsonSerializer.Serialize(line), (connection, tx, now) =>
            connection.Sql(
                """
                UPDATE demand_lines SET product_code = @product, min_grade = @grade, quantity_kg = @kg, earliest = @earliest,
                    latest = @latest, max_landed_cny_per_kg = @max, min_freshness_pct = @fresh, partial_allowed = @partial,
                    priority = @priority, version = version + 1, updated_at = @now
                WHERE id = @id
                """, tx)
                .With("product", line.ProductCode).With("grade", EnumText.Of(line.MinGrade)).With("kg", line.QuantityKg)
                .With("earliest", line.Earliest).With("latest", line.Latest).With("max", line.MaxLandedCnyPerKg)
                .With("fresh", line.MinFreshnessPercent).With("partial", line.PartialAllowed).With("priority", line.Priority)
                .With("now", now).With("id", line.Id), ct);

    public Task<LineChange> CancelAsync(string id, string? buyerId, Actor actor, CancellationToken ct) =>
        ModifyAsync(id, buyerId, actor, "cancel", null, (connection, tx, now) =>
            connection.Sql("UPDATE demand_lines SET status = 'cancelled', version = version + 1, updated_at = @now WHERE id = @id", tx)
                .With("now", now).With("id", id), ct);

    /// <summary>Open lines whose delivery window meets the horizon and that were submitted by the cutoff.</summary>
    internal async Task<IReadOnlyList<DemandLine>> LoadForRoundAsync(
        DbConnection connection, DbTransaction tx, DateOnly from, DateOnly to, DateTimeOffset cutoff, CancellationToken ct)
    {
        // FOR SHARE makes a concurrent change of the same line wait until the snapshot commits (then see it is locked).
        var lockRows = database.IsPostgres ? "FOR SHARE" : "";
        await using var command = connection.Sql(
            $"""
            SELECT {Columns} FROM demand_lines
            WHERE status = 'open' AND latest >= @from AND earliest <= @to AND created_at <= @cutoff
            ORDER BY id {lockRows}
            """, tx).With("from", from).With("to", to).With("cutoff", cutoff);
        return (await ReadAllAsync(command, ct)).Select(r => r.Line).ToList();
    }

    private async Task<LineChange> ModifyAsync(
        string id, string? buyerId, Actor actor, string action, string? detail,
        Func<DbConnection, DbTransaction, DateTimeOffset, DbCommand> update, CancellationToken ct)
    {
        var now = clock.Now();
        await using var connection = await database.OpenAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var lockRow = database.IsPostgres ? "FOR UPDATE" : "";
        string? status;
        await using (var select = connection.Sql($"SELECT status, buyer_id FROM demand_lines WHERE id = @id {lockRow}", tx).With("id", id))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            var found = await reader.ReadAsync(ct) && (buyerId is null || reader.GetString(1) == buyerId);
            status = found ? reader.GetString(0) : null;
        }

        if (status is null)
        {
            return LineChange.NotFound;
        }

        if (status == "cancelled")
        {
            return LineChange.AlreadyCancelled;
        }

        if (await HeldPastCutoffAsync(connection, tx, id, now, ct))
        {
            return LineChange.PastCutoff;
        }

        await DemandRevisionStore.RecordAsync(connection, tx, id, now, actor.KeyId, ct);
        await update(connection, tx, now).ExecuteAsync(ct);
        await AuditStore.AppendAsync(connection, tx, actor, now, action, "demand_line", id, detail, ct);
        await tx.CommitAsync(ct);
        return LineChange.Done;
    }

    private static async Task<bool> HeldPastCutoffAsync(DbConnection connection, DbTransaction tx, string id, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = connection.Sql(
            """
            SELECT COUNT(*) FROM round_lines rl JOIN rounds r ON r.id = rl.round_id
            WHERE rl.line_id = @id AND r.cutoff <= @now AND r.status IN ('queued', 'running', 'solved', 'published')
            """, tx).With("id", id).With("now", now);
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    internal static Task InsertAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<DemandLine> lines, DateTimeOffset now, CancellationToken ct) =>
        InsertAsync(connection, tx, lines, null, now, ct);

    /// <summary>Inserts new open lines; <paramref name="externalIds"/> (parallel to the lines) keeps an uploaded file's id for each.</summary>
    internal static Task InsertAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<DemandLine> lines, IReadOnlyList<string>? externalIds, DateTimeOffset now, CancellationToken ct) =>
        connection is NpgsqlConnection npgsql ? CopyAsync(npgsql, lines, externalIds, now, ct) : InsertEachAsync(connection, tx, lines, externalIds, now, ct);

    private static async Task CopyAsync(
        NpgsqlConnection connection, IReadOnlyList<DemandLine> lines, IReadOnlyList<string>? externalIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var writer = await connection.BeginBinaryImportAsync($"COPY demand_lines ({Columns}, external_id) FROM STDIN (FORMAT BINARY)", ct);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            await writer.StartRowAsync(ct);
            await writer.WriteAsync(l.Id, NpgsqlDbType.Text, ct);
            await writer.WriteAsync(l.BuyerId, NpgsqlDbType.Text, ct);
            await WriteTermsAsync(writer, l, ct);
            await writer.WriteAsync("open", NpgsqlDbType.Text, ct);
            await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            await writer.WriteAsync(externalIds?[i], NpgsqlDbType.Text, ct);
        }

        await writer.CompleteAsync(ct);
    }

    /// <summary>A line's terms (product to priority), in column order (product_code, min_grade, quantity_kg, earliest, latest, max_landed_cny_per_kg, min_freshness_pct, partial_allowed, priority), to a binary COPY row.</summary>
    internal static async Task WriteTermsAsync(NpgsqlBinaryImporter writer, DemandLine l, CancellationToken ct)
    {
        await writer.WriteAsync(l.ProductCode, NpgsqlDbType.Text, ct);
        await writer.WriteAsync(EnumText.Of(l.MinGrade), NpgsqlDbType.Text, ct);
        await writer.WriteAsync(l.QuantityKg, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(l.Earliest, NpgsqlDbType.Date, ct);
        await writer.WriteAsync(l.Latest, NpgsqlDbType.Date, ct);
        await writer.WriteAsync(l.MaxLandedCnyPerKg, NpgsqlDbType.Numeric, ct);
        await writer.WriteAsync(l.MinFreshnessPercent, NpgsqlDbType.Integer, ct);
        await writer.WriteAsync(l.PartialAllowed, NpgsqlDbType.Boolean, ct);
        await writer.WriteAsync(l.Priority, NpgsqlDbType.Integer, ct);
    }

    private static async Task InsertEachAsync(
        DbConnection connection, DbTransaction tx, IReadOnlyList<DemandLine> lines, IReadOnlyList<string>? externalIds, DateTimeOffset now, CancellationToken ct)
    {
        await using var command = connection.Sql(
            $"""
            INSERT INTO demand_lines ({Columns}, external_id)
            VALUES (@id, @buyer, @product, @grade, @kg, @earliest, @latest, @max, @fresh, @partial, @priority, 'open', 1, @now, @now, @ext)
            """, tx);
        for (var i = 0; i < lines.Count; i++)
        {
            var l = lines[i];
            command.Parameters.Clear();
            command.With("id", l.Id).With("buyer", l.BuyerId).With("product", l.ProductCode).With("grade", EnumText.Of(l.MinGrade))
                .With("kg", l.QuantityKg).With("earliest", l.Earliest).With("latest", l.Latest).With("max", l.MaxLandedCnyPerKg)
                .With("fresh", l.MinFreshnessPercent).With("partial", l.PartialAllowed).With("priority", l.Priority).With("now", now)
                .With("ext", externalIds?[i]);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    private static async Task<IReadOnlyList<DemandLineRecord>> ReadAllAsync(DbCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        var records = new List<DemandLineRecord>();
        while (await reader.ReadAsync(ct))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    private static DemandLineRecord Read(DbDataReader r) => new(
        new DemandLine(
            r.GetString(0), r.GetString(1), r.GetString(2), EnumText.Parse<Grade>(r.GetString(3)), r.GetInt32(4),
            r.GetFieldValue<DateOnly>(5), r.GetFieldValue<DateOnly>(6), r.GetDecimal(7), r.GetInt32(8), r.GetBoolean(9), r.GetInt32(10)),
        r.GetString(11), r.GetInt32(12), r.Timestamp(13), r.Timestamp(14));
}
