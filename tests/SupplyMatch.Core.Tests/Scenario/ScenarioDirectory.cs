using System.Text;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>A small valid scenario written to its own temporary directory, with helpers to break its files.</summary>
internal sealed class ScenarioDirectory : IDisposable
{
    private ScenarioDirectory(string path, MatchingProblem problem)
    {
        Path = path;
        Problem = problem;
    }

    public string Path { get; }

    public MatchingProblem Problem { get; }

    /// <summary>A generated scenario (plus two lanes, one to a buyer and one to a city) written as files.</summary>
    public static ScenarioDirectory Create(int lots = 30, int lines = 40, int seed = 7)
    {
        var generated = ScenarioGenerator.Generate(new GeneratorOptions(lots, lines, 6, 3, seed) { Bases = 8, Buyers = 12 });
        var reference = generated.Reference with
        {
            Lanes =
            [
                new Lane(generated.Reference.Bases[0].Id, generated.Reference.Buyers[0].Id, 1500.5, 22.5, 0.45m),
                new Lane(generated.Reference.Bases[1].Id, "SZ", 1320, 20, null),
            ],
        };
        var problem = generated with { Reference = reference };
        var path = NewTempDirectory();
        ScenarioFiles.WriteDirectory(problem, path);
        return new ScenarioDirectory(path, problem);
    }

    public static string NewTempDirectory()
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "supplymatch-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public string FilePath(string file) => System.IO.Path.Combine(Path, file);

    /// <summary>Header and records of a file, as cells.</summary>
    public List<List<string>> Read(string file)
    {
        var document = CsvReader.Read(File.ReadAllBytes(FilePath(file)), file).Document!;
        return [[.. document.Header.Fields], .. document.Records.Select(r => r.Fields.ToList())];
    }

    public void Write(string file, IEnumerable<IEnumerable<string>> rows) =>
        File.WriteAllText(FilePath(file), string.Concat(rows.Select(r => string.Join(",", r.Select(CsvWriter.Escape)) + "\n")), new UTF8Encoding(false));

    /// <summary>Sets the cell of <paramref name="column"/> in record <paramref name="row"/> (the header is row 1).</summary>
    public void SetCell(string file, int row, string column, string value)
    {
        var rows = Read(file);
        var index = rows[0].IndexOf(column);
        rows[row - 1][index] = value;
        Write(file, rows);
    }

    public string Cell(string file, int row, string column)
    {
        var rows = Read(file);
        return rows[row - 1][rows[0].IndexOf(column)];
    }

    public void DropColumn(string file, string column)
    {
        var rows = Read(file);
        var index = rows[0].IndexOf(column);
        Write(file, rows.Select(r => r.Where((_, i) => i != index)));
    }

    public void AddColumn(string file, string header, string value) =>
        Write(file, Read(file).Select((r, i) => r.Append(i == 0 ? header : value)));

    /// <summary>Appends a copy of record <paramref name="row"/>; returns the new record's row number.</summary>
    public int AppendCopyOf(string file, int row)
    {
        var rows = Read(file);
        rows.Add([.. rows[row - 1]]);
        Write(file, rows);
        return rows.Count;
    }

    /// <summary>Replaces the cell with bytes that are not UTF-8 (GBK-encoded 云南).</summary>
    public void PutInvalidUtf8(string file, int row, string column)
    {
        SetCell(file, row, column, "@@BAD@@");
        var bytes = File.ReadAllBytes(FilePath(file)).ToList();
        var marker = "@@BAD@@"u8.ToArray();
        var at = IndexOf(bytes, marker);
        bytes.RemoveRange(at, marker.Length);
        bytes.InsertRange(at, [0xD4, 0xC6, 0xC4, 0xCF]);
        File.WriteAllBytes(FilePath(file), [.. bytes]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless.
        }
    }

    private static int IndexOf(List<byte> bytes, byte[] marker)
    {
        for (var i = 0; i + marker.Length <= bytes.Count; i++)
        {
            if (bytes.Skip(i).Take(marker.Length).SequenceEqual(marker))
            {
                return i;
            }
        }

        throw new InvalidOperationException("marker not found");
    }
}
