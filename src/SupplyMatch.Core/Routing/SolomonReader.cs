using System.Globalization;

namespace SupplyMatch.Core.Routing;

/// <summary>
/// Reads the standard Solomon text format: a name line, a VEHICLE block (column titles, then number and
/// capacity), a CUSTOMER block (column titles, then one row per customer: number, x, y, demand, ready
/// time, due date, service time). Blank lines, CRLF endings and trailing spaces are ignored.
/// </summary>
public static class SolomonReader
{
    private const int CustomerFields = 7;

    /// <summary>
    /// Largest coordinate and largest time accepted. The classic instances lie on a 100 x 100 grid with horizons
    /// below 4,000; the bounds leave ample room while every distance and time, in thousandths (<see cref="ArcRounding.None"/>)
    /// and summed over a route, stays far inside a 64-bit integer.
    /// </summary>
    public const double MaxCoordinate = 1_000_000;

    /// <inheritdoc cref="MaxCoordinate"/>
    public const long MaxTime = 10_000_000;

    /// <summary>Reads an instance from text; errors name the line.</summary>
    public static SolomonReadResult Parse(string text)
    {
        var lines = text.Split('\n')
            .Select((line, i) => (Number: i + 1, Text: line.Trim()))
            .Where(l => l.Text.Length > 0)
            .ToList();
        var cursor = 0;
        if (lines.Count == 0)
            return Fail(0, "The file is empty.");
        var name = lines[cursor++].Text;

        if (Expect(lines, ref cursor, "VEHICLE") is { } noVehicle)
            return new SolomonReadResult(null, noVehicle);
        SkipTitles(lines, ref cursor, "NUMBER");
        if (cursor >= lines.Count)
            return Fail(lines[^1].Number, "The VEHICLE block has no number and capacity row.");
        var fleetLine = lines[cursor++];
        var fleet = Fields(fleetLine.Text);
        if (fleet.Length != 2 || !PositiveInt(fleet[0], out var vehicles) || !PositiveInt(fleet[1], out var capacity))
            return Fail(fleetLine.Number, $"Expected two positive integers (number of vehicles, capacity), found '{fleetLine.Text}'.");

        if (Expect(lines, ref cursor, "CUSTOMER") is { } noCustomer)
            return new SolomonReadResult(null, noCustomer);
        SkipTitles(lines, ref cursor, "CUST");
        var customers = new List<SolomonCustomer>();
        for (; cursor < lines.Count; cursor++)
        {
            var (customer, error) = ParseCustomer(lines[cursor].Number, lines[cursor].Text, customers.Count);
            if (error is not null)
                return new SolomonReadResult(null, error);
            customers.Add(customer!);
        }

        if (customers.Count < 2)
            return Fail(lines[^1].Number, "The CUSTOMER block needs the depot (customer 0) and at least one customer.");
        return new SolomonReadResult(new SolomonInstance(name, vehicles, capacity, customers), null);
    }

    /// <summary>Reads an instance from a file; a missing or unreadable file is reported as an error at line 0.</summary>
    public static SolomonReadResult ReadFile(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return Fail(0, $"Cannot read '{path}': {e.Message}");
        }
    }

    private static (SolomonCustomer? Customer, SolomonError? Error) ParseCustomer(int line, string text, int expectedNumber)
    {
        var f = Fields(text);
        if (f.Length != CustomerFields)
            return (null, new SolomonError(line, $"Expected {CustomerFields} columns (number, x, y, demand, ready time, due date, service time), found {f.Length}: '{text}'."));
        if (!int.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) || number != expectedNumber)
            return (null, new SolomonError(line, $"Expected customer number {expectedNumber}, found '{f[0]}'."));
        if (!Number(f[1], out var x) || !Number(f[2], out var y))
            return (null, new SolomonError(line, $"Customer {number}: coordinates '{f[1]}', '{f[2]}' are not numbers."));
        if (Math.Abs(x) > MaxCoordinate || Math.Abs(y) > MaxCoordinate)
            return (null, new SolomonError(line, $"Customer {number}: coordinates '{f[1]}', '{f[2]}' must lie from -{MaxCoordinate:0} to {MaxCoordinate:0}."));
        if (!int.TryParse(f[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var demand) || demand < 0)
            return (null, new SolomonError(line, $"Customer {number}: demand '{f[3]}' is not a non-negative integer."));
        if (!Time(f[4], out var ready) || !Time(f[5], out var due) || !Time(f[6], out var service))
            return (null, new SolomonError(line, $"Customer {number}: ready time, due date and service time must be whole numbers from 0 to {MaxTime}, found '{f[4]}', '{f[5]}', '{f[6]}'."));
        if (ready > due)
            return (null, new SolomonError(line, $"Customer {number}: ready time {ready} is after due date {due}."));
        return (new SolomonCustomer(number, x, y, demand, ready, due, service), null);
    }

    /// <summary>The next line must be the given block keyword.</summary>
    private static SolomonError? Expect(List<(int Number, string Text)> lines, ref int cursor, string keyword)
    {
        if (cursor >= lines.Count)
            return new SolomonError(lines[^1].Number, $"The file ends before the {keyword} block.");
        var line = lines[cursor++];
        return string.Equals(line.Text, keyword, StringComparison.OrdinalIgnoreCase)
            ? null
            : new SolomonError(line.Number, $"Expected '{keyword}', found '{line.Text}'.");
    }

    /// <summary>Skips a column-title line (it starts with a word, not a number).</summary>
    private static void SkipTitles(List<(int Number, string Text)> lines, ref int cursor, string firstWord)
    {
        if (cursor < lines.Count && lines[cursor].Text.StartsWith(firstWord, StringComparison.OrdinalIgnoreCase))
            cursor++;
    }

    private static string[] Fields(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static bool PositiveInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value > 0;

    private static bool Number(string s, out double value) =>
        double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool Time(string s, out long value) =>
        long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value is >= 0 and <= MaxTime;

    private static SolomonReadResult Fail(int line, string message) => new(null, new SolomonError(line, message));
}
