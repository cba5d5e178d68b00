using System.Globalization;
using System.Text;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// Reads <c>reference/hubs.csv</c> (format in data/LOGISTICS-FORMATS.md): origin consolidation hubs and GBA
/// distribution centres. Self-contained (BCL only): RFC 4180 quoting, optional BOM, CRLF or LF, English or
/// Chinese header names in any order. All-or-nothing: any bad row returns no hubs and every error found.
/// </summary>
public static class HubFile
{
    /// <summary>The file name inside a reference directory.</summary>
    public const string FileName = "hubs.csv";

    private static readonly (string Name, string Alias, bool Required)[] Columns =
    [
        ("id", "编号", true), ("name_zh", "中文名", true), ("name_en", "英文名", true), ("kind", "类型", true),
        ("province_or_city", "省份或城市", true), ("lat", "纬度", true), ("lon", "经度", true),
        ("handling_cny_per_kg", "每公斤操作费", true), ("handling_hours", "操作小时", true),
    ];

    private static readonly Dictionary<string, string> Provinces = new(StringComparer.Ordinal)
    {
        ["yunnan"] = "yunnan", ["云南"] = "yunnan", ["guizhou"] = "guizhou", ["贵州"] = "guizhou",
        ["sichuan"] = "sichuan", ["四川"] = "sichuan", ["guangxi"] = "guangxi", ["广西"] = "guangxi",
    };

    /// <summary>Reads a hubs file from disk.</summary>
    public static LoadResult<IReadOnlyList<Hub>> Read(string path) =>
        File.Exists(path)
            ? Parse(File.ReadAllText(path, Encoding.UTF8), Path.GetFileName(path))
            : new LoadResult<IReadOnlyList<Hub>>(null, [new DataError(Path.GetFileName(path), 0, null, $"File not found: {path}")]);

    /// <summary>Parses the text of a hubs file; <paramref name="file"/> names it in errors.</summary>
    public static LoadResult<IReadOnlyList<Hub>> Parse(string text, string file = FileName)
    {
        var rows = CsvRows(text.TrimStart('\uFEFF'));
        var errors = new List<DataError>();
        if (rows.Count == 0)
        {
            return new LoadResult<IReadOnlyList<Hub>>(null, [new DataError(file, 0, null, "The file is empty; a header row is required.")]);
        }

        var position = MapHeader(rows[0], file, errors);
        if (errors.Count > 0)
        {
            return new LoadResult<IReadOnlyList<Hub>>(null, errors);
        }

        var hubs = new List<Hub>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 1; r < rows.Count; r++)
        {
            if (rows[r].Count == 1 && rows[r][0].Length == 0)
            {
                continue;
            }

            var hub = ParseRow(new Row(rows[r], position, file, r + 1, errors));
            if (hub is not null && !ids.Add(hub.Id))
            {
                errors.Add(new DataError(file, r + 1, "id", $"Duplicate hub id '{hub.Id}'."));
            }
            else if (hub is not null)
            {
                hubs.Add(hub);
            }
        }

        return errors.Count == 0 ? new LoadResult<IReadOnlyList<Hub>>(hubs, []) : new LoadResult<IReadOnlyList<Hub>>(null, errors);
    }

    private static Dictionary<string, int> MapHeader(List<string> header, string file, List<DataError> errors)
    {
        var position = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            var cell = header[i].Trim();
            var column = Columns.FirstOrDefault(c => c.Name == cell.ToLowerInvariant() || c.Alias == cell);
            if (column.Name is null)
            {
                errors.Add(new DataError(file, 1, cell, $"Unknown column '{cell}'."));
            }
            else if (!position.TryAdd(column.Name, i))
            {
                errors.Add(new DataError(file, 1, column.Name, $"Column '{column.Name}' appears twice."));
            }
        }

        foreach (var missing in Columns.Where(c => c.Required && !position.ContainsKey(c.Name)))
        {
            errors.Add(new DataError(file, 1, missing.Name, $"Required column '{missing.Name}' ({missing.Alias}) is missing."));
        }

        return position;
    }

    private static Hub? ParseRow(Row row)
    {
        var id = row.Text("id");
        var kind = row.Text("kind") switch
        {
            "origin_hub" or "产地集配中心" => HubKind.OriginHub,
            "gba_dc" or "分拨中心" => HubKind.GbaDc,
            var other => row.Fail<HubKind?>("kind", $"'{other}' is not a hub kind (origin_hub | gba_dc | 产地集配中心 | 分拨中心)."),
        };
        var region = row.Text("province_or_city");
        if (kind == HubKind.OriginHub)
        {
            region = Provinces.TryGetValue(region.ToLowerInvariant(), out var p) ? p
                : Provinces.TryGetValue(region, out var zh) ? zh
                : row.Fail<string>("province_or_city", $"'{region}' is not a partner province (yunnan, guizhou, sichuan, guangxi).") ?? region;
        }

        var lat = row.Number("lat", -90, 90);
        var lon = row.Number("lon", -180, 180);
        var cost = row.Number("handling_cny_per_kg", 0, 100);
        var hours = row.Number("handling_hours", 0, 72);
        if (row.Failed || kind is null || lat is null || lon is null || cost is null || hours is null)
        {
            return null;
        }

        return new Hub(id, row.Text("name_zh"), row.Text("name_en"), kind.Value, region, new GeoPoint(lat.Value, lon.Value),
            decimal.Round((decimal)cost.Value, 2), hours.Value);
    }

    /// <summary>RFC 4180: fields split on commas, quoted fields may hold commas, quotes ("") and line breaks.</summary>
    private static List<List<string>> CsvRows(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 1 : 0;
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One data row with typed accessors that record errors against the row and column.</summary>
    private sealed class Row(List<string> cells, Dictionary<string, int> position, string file, int number, List<DataError> errors)
    {
        public bool Failed { get; private set; }

        public string Text(string column)
        {
            var value = position.TryGetValue(column, out var i) && i < cells.Count ? cells[i].Trim() : string.Empty;
            if (value.Length == 0)
            {
                Fail<string>(column, $"'{column}' is required.");
            }

            return value;
        }

        public double? Number(string column, double min, double max)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return null;
            }

            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
                ? value
                : Fail<double?>(column, $"'{text}' is not a number from {min} to {max}.");
        }

        public T? Fail<T>(string column, string message)
        {
            Failed = true;
            errors.Add(new DataError(file, number, column, message));
            return default;
        }
    }
}
