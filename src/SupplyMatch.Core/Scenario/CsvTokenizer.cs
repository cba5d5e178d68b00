using System.Text;

namespace SupplyMatch.Core.Scenario;

/// <summary>Records of a CSV text, or the first syntax error; where the text ended (record and field).</summary>
internal sealed record CsvTokens(List<CsvRecord> Records, CsvSyntaxError? Error, int EndRow, int EndField);

/// <summary>A syntax error that makes a CSV text unreadable.</summary>
internal sealed record CsvSyntaxError(int Row, RowReason Reason);

/// <summary>The RFC 4180 state machine behind <see cref="CsvReader"/>.</summary>
internal sealed class CsvTokenizer
{
    private readonly string _text;
    private readonly bool _prefix;
    private readonly StringBuilder _field = new();
    private int _i;

    private CsvTokenizer(string text, bool prefix)
    {
        _text = text;
        _prefix = prefix;
    }

    /// <summary>How one record ended: complete, cut off by the end of a prefix, or broken.</summary>
    private enum Ending
    {
        Complete,
        Partial,
        Broken,
    }

    /// <summary>
    /// Splits <paramref name="text"/> into records; lines that are entirely empty are skipped but counted.
    /// With <paramref name="stopAtEnd"/> the text is a prefix of a longer file, so an unfinished last record is not an error.
    /// </summary>
    public static CsvTokens Tokenize(string text, bool stopAtEnd) => new CsvTokenizer(text, stopAtEnd).Run();

    private CsvTokens Run()
    {
        var records = new List<CsvRecord>();
        var row = 1;
        while (_i < _text.Length)
        {
            var fields = new List<string>();
            var (ending, blank, error) = ReadRecord(row, fields);
            switch (ending)
            {
                case Ending.Broken:
                    return new CsvTokens(records, new CsvSyntaxError(row, error!), row, 0);
                case Ending.Partial:
                    records.Add(new CsvRecord(row, fields));
                    return new CsvTokens(records, null, row, fields.Count - 1);
                default:
                    if (!blank)
                    {
                        records.Add(new CsvRecord(row, fields));
                    }

                    row++;
                    break;
            }
        }

        return new CsvTokens(records, null, row, 0);
    }

    private (Ending Ending, bool Blank, RowReason? Error) ReadRecord(int row, List<string> fields)
    {
        var blank = true;
        while (true)
        {
            _field.Clear();
            if (_i < _text.Length && _text[_i] == '"')
            {
                blank = false;
                if (!ReadQuoted())
                {
                    fields.Add(_field.ToString());
                    return _prefix
                        ? (Ending.Partial, false, null)
                        : (Ending.Broken, false, RowReasons.QuoteNotClosed.With(("row", row)));
                }

                if (_i < _text.Length && _text[_i] is not (',' or '\r' or '\n'))
                {
                    return (Ending.Broken, false, RowReasons.TextAfterQuote.With(("character", _text[_i].ToString())));
                }
            }
            else
            {
                blank &= ReadUnquoted() == 0;
            }

            fields.Add(_field.ToString());
            if (_i < _text.Length && _text[_i] == ',')
            {
                blank = false;
                _i++;
                continue;
            }

            return EndOfRecord() ? (Ending.Complete, blank, null) : (Ending.Partial, blank, null);
        }
    }

    /// <summary>Reads a quoted value from its opening quote; false when the text ends before the closing quote.</summary>
    private bool ReadQuoted()
    {
        _i++;
        while (true)
        {
            var quote = _text.IndexOf('"', _i);
            if (quote < 0)
            {
                _field.Append(_text, _i, _text.Length - _i);
                _i = _text.Length;
                return false;
            }

            _field.Append(_text, _i, quote - _i);
            _i = quote + 1;
            if (_i < _text.Length && _text[_i] == '"')
            {
                _field.Append('"');
                _i++;
                continue;
            }

            return true;
        }
    }

    /// <summary>Reads an unquoted value up to the next comma or line end; returns its length.</summary>
    private int ReadUnquoted()
    {
        var rest = _text.AsSpan(_i);
        var length = rest.IndexOfAny(',', '\r', '\n');
        length = length < 0 ? rest.Length : length;
        _field.Append(rest[..length]);
        _i += length;
        return length;
    }

    /// <summary>Consumes CRLF, LF or CR; false when a prefix ends here without one (the record may go on).</summary>
    private bool EndOfRecord()
    {
        if (_i >= _text.Length)
        {
            return !_prefix;
        }

        var carriageReturn = _text[_i] == '\r';
        _i++;
        if (carriageReturn && _i < _text.Length && _text[_i] == '\n')
        {
            _i++;
        }

        return true;
    }
}
