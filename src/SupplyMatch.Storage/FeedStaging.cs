using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Storage;

/// <summary>Helpers shared by the PostgreSQL merges of demand and forecast feeds.</summary>
internal static class FeedStaging
{
    /// <summary>
    /// Stages the ids of rejected rows (accepted = false, no terms): they are in the file, so a snapshot does not cancel
    /// what they stand for, but nothing is written from them.
    /// </summary>
    public static void WriteOthers(NpgsqlBinaryImporter writer, IReadOnlySet<string> ids, int columns)
    {
        foreach (var id in ids)
        {
            writer.StartRow();
            writer.Write(id, NpgsqlDbType.Text);
            writer.WriteNull();
            writer.Write(0, NpgsqlDbType.Integer);
            writer.Write(false, NpgsqlDbType.Boolean);
            for (var i = 4; i < columns; i++)
            {
                writer.WriteNull();
            }
        }
    }

    /// <summary>Binds the merge's parameters that the command's SQL uses.</summary>
    public static DbCommand Bind(DbCommand command, MergeContext m)
    {
        // A merge of a large file is one long transaction; the default 30 s command timeout is for interactive queries.
        command.CommandTimeout = 600;
        var sql = command.CommandText;
        if (sql.Contains("@feed", StringComparison.Ordinal)) { command.With("feed", m.FeedId); }
        if (sql.Contains("@owner", StringComparison.Ordinal)) { command.With("owner", m.OwnerId); }
        if (sql.Contains("@now", StringComparison.Ordinal)) { command.With("now", m.Now); }
        if (sql.Contains("@by", StringComparison.Ordinal)) { command.With("by", m.By); }
        return command;
    }

    /// <summary>Reads (row, external id, stored id) triples as rejections of the row's id.</summary>
    public static async Task<IReadOnlyList<FeedRejection>> ReadRefusalsAsync(DbCommand command, Func<string, string, RowReason> reason, CancellationToken ct)
    {
        await using var r = await command.ExecuteReaderAsync(ct);
        var refused = new List<FeedRejection>();
        while (await r.ReadAsync(ct))
        {
            var ext = r.GetString(1);
            refused.Add(FeedRejection.Of(r.GetInt32(0), ext, "id", reason(ext, r.GetString(2))));
        }

        return refused;
    }
}
