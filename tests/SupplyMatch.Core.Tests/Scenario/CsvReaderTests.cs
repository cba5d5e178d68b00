using System.Text;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

public sealed class CsvReaderTests
{
    private static CsvDocument Read(string text)
    {
        var result = CsvReader.Read(Encoding.UTF8.GetBytes(text), "t.csv");
        Assert.Null(result.Error);
        return result.Document!;
    }

    private static DataError Fail(byte[] bytes)
    {
        var result = CsvReader.Read(bytes, "t.csv");
        Assert.Null(result.Document);
        return result.Error!;
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var document = Read("a,b,c\n\"x, y\",\"he said \"\"hi\"\"\",\"two\nlines\"\n");

        Assert.Equal(["x, y", "he said \"hi\"", "two\nlines"], document.Records.Single().Fields);
    }

    [Theory]
    [InlineData("a,b\r\n1,2\r\n3,4\r\n")]
    [InlineData("a,b\n1,2\n3,4\n")]
    [InlineData("a,b\r1,2\r3,4")]
    [InlineData("a,b\n1,2\r\n3,4")]
    public void Crlf_lf_and_cr_line_ends_and_a_missing_final_line_end_give_the_same_records(string text)
    {
        var document = Read(text);

        Assert.Equal(["a", "b"], document.Header.Fields);
        Assert.Equal([["1", "2"], ["3", "4"]], document.Records.Select(r => r.Fields));
        Assert.Equal([2, 3], document.Records.Select(r => r.Row));
    }

    [Fact]
    public void A_byte_order_mark_is_skipped()
    {
        var result = CsvReader.Read([0xEF, 0xBB, 0xBF, .. "编号,名\n1,菜心\n"u8], "t.csv");

        Assert.Equal("编号", result.Document!.Header.Fields[0]);
        Assert.Equal("菜心", result.Document.Records[0].Fields[1]);
    }

    [Fact]
    public void Rows_count_records_not_physical_lines_and_blank_lines_are_skipped_but_counted()
    {
        var document = Read("a,b\n\"multi\nline\",1\n\n2,3\n");

        Assert.Equal([2, 4], document.Records.Select(r => r.Row));
    }

    [Theory]
    [InlineData("a\n\n\n1\n\n", 4)]
    [InlineData("a\r\n\r\n\r\n1\r\n\r\n", 4)]
    [InlineData("a\r\r1\r\r", 3)]
    public void Runs_of_empty_lines_are_skipped_and_counted(string text, int row)
    {
        var document = Read(text);

        Assert.Equal((row, "1"), (document.Records.Single().Row, document.Records.Single().Fields[0]));
    }

    [Fact]
    public void Empty_values_and_a_trailing_comma_are_kept_as_empty_fields()
    {
        var document = Read("a,b,c\n,,\n1,\"\",\n");

        Assert.Equal([["", "", ""], ["1", "", ""]], document.Records.Select(r => r.Fields));
    }

    [Fact]
    public void A_quote_inside_an_unquoted_value_is_an_ordinary_character()
    {
        Assert.Equal("12\" pot", Read("a\n12\" pot\n").Records[0].Fields[0]);
    }

    [Fact]
    public void A_quoted_value_that_is_never_closed_makes_the_file_unreadable_at_the_row_it_starts()
    {
        var error = Fail("a,b\n1,2\n3,\"open\n4,5\n"u8.ToArray());

        Assert.Equal(("t.csv", 3), (error.File, error.Row));
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_after_a_closing_quote_makes_the_file_unreadable()
    {
        var error = Fail("a,b\n\"x\"y,2\n"u8.ToArray());

        Assert.Equal(2, error.Row);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_reported_with_row_and_column()
    {
        // "云南" encoded as GBK, in row 3, column b.
        byte[] bytes = [.. "a,b\n1,ok\n2,"u8, 0xD4, 0xC6, 0xC4, 0xCF, .. "\n"u8];

        var error = Fail(bytes);

        Assert.Equal(("t.csv", 3, "b"), (error.File, error.Row, error.Column));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_are_not_utf8_inside_a_multi_line_quoted_value_name_the_record()
    {
        byte[] bytes = [.. "a,b\n\"x\ny\",1\n\"p\nq"u8, 0xFF, .. "\",2\n"u8];

        var error = Fail(bytes);

        Assert.Equal((3, "a"), (error.Row, error.Column));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0xEF, 0xBB, 0xBF })]
    [InlineData(new byte[] { (byte)'\n', (byte)'\n' })]
    public void An_empty_file_has_no_header_and_is_unreadable(byte[] bytes)
    {
        var error = Fail(bytes);

        Assert.Equal("t.csv", error.File);
        Assert.Contains("header", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_header_alone_is_a_document_without_records()
    {
        var document = Read("a,b\n");

        Assert.Empty(document.Records);
    }

    [Fact]
    public void What_the_writer_escapes_the_reader_reads_back()
    {
        string[] values = ["plain", "with,comma", "with \"quote\"", "two\r\nlines", " padded ", "云南,贵州", ""];
        var text = "h1,h2,h3,h4,h5,h6,h7\n" + string.Join(",", values.Select(CsvWriter.Escape)) + "\n";

        Assert.Equal(values, Read(text).Records.Single().Fields);
    }
}
