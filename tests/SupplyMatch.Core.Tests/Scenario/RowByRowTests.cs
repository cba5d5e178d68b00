using System.Text;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;
using SupplyMatch.Core.Scenario;

namespace SupplyMatch.Core.Tests.Scenario;

/// <summary>The per-row API used for uploads and feeds: good rows are kept, bad rows are reported one by one.</summary>
public sealed class RowByRowTests
{
    private static readonly MatchingProblem Problem = ScenarioGenerator.Generate(new GeneratorOptions(20, 20, 5, 3, 11) { Bases = 6, Buyers = 12 });
    private static readonly ReferenceData Reference = Problem.Reference;
    private static readonly string Buyer = Reference.Buyers[0].Id;
    private static readonly string OtherBuyer = Reference.Buyers[1].Id;
    private static readonly string Base = Reference.Bases[0].Id;
    private static readonly string Product = Reference.Products[0].Code;

    private const string LinesHeader = "id,buyer_id,product_code,min_grade,quantity_kg,earliest,latest,max_landed_cny_per_kg,min_freshness_pct,partial_allowed,priority\n";
    private const string LotsHeader = "id,base_id,product_code,grade,harvest_date,available_from,available_to,quantity_kg,firm_kg,price_cny_per_kg,min_order_kg\n";

    private static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Good_demand_rows_are_kept_with_their_row_numbers_and_bad_ones_are_rejected_with_column_and_reason()
    {
        var csv = LinesHeader
            + $"N-1,{Buyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n"
            + $"N-2,{Buyer},{Product},first,-5,2026-06-02,2026-06-03,6.50,50,,\n"
            + $"N-3,{Buyer},{Product},一级,800,2026-06-02,2026-06-02,6.50,50,,\n"
            + $"N-4,{Buyer},P-DURIAN,first,800,2026-06-02,2026-06-02,6.50,50,,\n"
            + $"N-5,{Buyer},{Product},first,800,2026-06-02\n"
            + $"N-1,{Buyer},{Product},first,100,2026-06-02,2026-06-03,6.50,50,true,2\n";

        var result = DemandLineCsv.Parse(Csv(csv), Reference, "feed.csv");

        Assert.True(result.Readable);
        Assert.Equal([(2, "N-1"), (4, "N-3")], result.Accepted.Select(r => (r.Row, r.Value.Id)));
        Assert.Equal((1200, 2), (result.Accepted[0].Value.QuantityKg, result.Accepted[0].Value.Priority));
        Assert.Equal((DemandLineCsv.DefaultPartialAllowed, DemandLineCsv.DefaultPriority), (result.Accepted[1].Value.PartialAllowed, result.Accepted[1].Value.Priority));
        Assert.Equal(
            [(3, "quantity_kg"), (5, "product_code"), (6, null), (7, "id")],
            result.Rejected.Select(r => (r.Row, r.Errors.Single().Column)));
        Assert.All(result.Errors, e => Assert.Equal("feed.csv", e.File));
        Assert.Equal("N-2", result.Rejected[0].Id);
    }

    [Fact]
    public void A_buyers_own_file_may_leave_out_buyer_id_and_every_line_is_the_buyers()
    {
        var header = LinesHeader.Replace("buyer_id,", string.Empty, StringComparison.Ordinal);
        var csv = header + $"N-1,{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n";

        var result = DemandLineCsv.Parse(Csv(csv), Reference, "upload.csv", buyerId: Buyer);

        Assert.Equal(Buyer, Assert.Single(result.Accepted).Value.BuyerId);
    }

    [Fact]
    public void A_row_of_a_buyers_own_file_naming_another_buyer_is_rejected()
    {
        var csv = LinesHeader
            + $"N-1,{Buyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n"
            + $"N-2,,{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n"
            + $"N-3,{OtherBuyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n";

        var result = DemandLineCsv.Parse(Csv(csv), Reference, "upload.csv", buyerId: Buyer);

        Assert.Equal(["N-1", "N-2"], result.Accepted.Select(r => r.Value.Id));
        var error = Assert.Single(result.Errors);
        Assert.Equal((4, "buyer_id"), (error.Row, error.Column));
        Assert.Contains(OtherBuyer, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_an_owner_the_buyer_id_column_is_required()
    {
        var header = LinesHeader.Replace("buyer_id,", string.Empty, StringComparison.Ordinal);

        var result = DemandLineCsv.Parse(Csv(header + $"N-1,{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n"), Reference, "feed.csv");

        Assert.False(result.Readable);
        Assert.Empty(result.Accepted);
        var error = Assert.Single(result.FileErrors);
        Assert.Equal((1, "buyer_id"), (error.Row, error.Column));
    }

    [Theory]
    [InlineData(new byte[] { 0xB2, 0xCB })]
    [InlineData(new byte[] { (byte)'"' })]
    public void A_file_that_cannot_be_parsed_is_a_file_error_and_no_row_is_kept(byte[] poison)
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(LinesHeader + $"N-1,{Buyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\nN-2,"), .. poison, .. "x\n"u8];

        var result = DemandLineCsv.Parse(new MemoryStream(bytes), Reference, "feed.csv");

        Assert.False(result.Readable);
        Assert.Empty(result.Accepted);
        Assert.Equal(3, Assert.Single(result.FileErrors).Row);
    }

    [Fact]
    public void Harvest_lots_of_a_bases_own_file_take_the_base_and_bad_rows_are_rejected()
    {
        var header = LotsHeader.Replace("base_id,", string.Empty, StringComparison.Ordinal);
        var csv = header
            + $"L-1,{Product},premium,2026-06-01,2026-06-01,2026-06-03,5000,4000,3.20,200\n"
            + $"L-2,{Product},特级,2026-06-04,2026-06-01,2026-06-03,5000,,3.20,\n"
            + $"L-3,{Product},first,2026-06-01,2026-06-01,2026-06-03,5000,6000,3.20,\n"
            + $"L-4,{Product},first,2026-06-01,2026-06-01,2026-06-03,5000,,3.205,\n";

        var result = HarvestLotCsv.Parse(Csv(csv), Reference, "forecast.csv", baseId: Base);

        var lot = Assert.Single(result.Accepted).Value;
        Assert.Equal((Base, Grade.Premium, 4000, 200), (lot.BaseId, lot.Grade, lot.FirmKg, lot.MinOrderKg));
        Assert.Equal(
            [(3, "harvest_date"), (4, "firm_kg"), (5, "price_cny_per_kg")],
            result.Rejected.Select(r => (r.Row, r.Errors.Single().Column)));
    }

    [Fact]
    public void A_row_with_a_bad_cell_also_hears_of_the_rules_between_the_cells_that_did_read()
    {
        var csv = LotsHeader
            + $"L-1,{Base},{Product},first,2026-06-01,2026-06-01,2026-06-03,5000,6000,3.2x,9000\n"
            + $"L-2,{Base},P-DURIAN,first,2026-06-05,2026-06-04,2026-06-03,5000,,abc,\n"
            + $"L-3,{Base},{Product},first,2026-06-01,2026-06-01,2026-06-03,-5,,3.20,9000\n";

        var result = HarvestLotCsv.Parse(Csv(csv), Reference, "lots.csv");

        Assert.Empty(result.Accepted);
        Assert.Equal(
            [
                (2, ["price_cny_per_kg", "firm_kg", "min_order_kg"]),
                (3, ["price_cny_per_kg", "product_code", "available_to"]),
                (4, new[] { "quantity_kg" }),
            ],
            result.Rejected.Select(r => (r.Row, r.Errors.Select(e => e.Column!).ToArray())));
        Assert.Equal(["firm_above_quantity", "min_order_above_quantity"], result.Rejected[0].Errors.Skip(1).Select(e => e.Code));
        Assert.Equal(["unknown_product", "ship_window_reversed"], result.Rejected[1].Errors.Skip(1).Select(e => e.Code));
        Assert.Equal([(2, new[] { "price_cny_per_kg" }), (3, new[] { "price_cny_per_kg" }), (4, new[] { "quantity_kg" })],
            result.PartlyRead.Select(r => (r.Row, r.Unread.ToArray())));
    }

    [Fact]
    public void A_typed_line_with_a_bad_value_is_also_checked_for_its_window_and_references()
    {
        var good = Problem.Lines[0];

        var errors = DemandLineRules.Validate(good with { Priority = 0, BuyerId = "K-NOBODY", Latest = good.Earliest.AddDays(-1) }, ReferenceIndex.Create(Reference));

        Assert.Equal(["priority", "buyer_id", "latest"], errors.Select(e => e.Column));
    }

    [Fact]
    public void A_typed_lot_breaks_the_same_rule_with_the_same_message_as_its_csv_row()
    {
        var csv = LotsHeader + $"L-1,{Base},{Product},first,2026-06-01,2026-06-01,2026-06-03,-5,,3.20,\n";
        var fromCsv = HarvestLotCsv.Parse(Csv(csv), Reference, "lots.csv").Errors.Single();
        var typed = Problem.Lots[0] with { QuantityKg = -5, FirmKg = null, MinOrderKg = 0 };

        var fromApi = HarvestLotRules.Validate(typed, ReferenceIndex.Create(Reference)).Single();

        Assert.Equal((fromCsv.Column, fromCsv.Message), (fromApi.Column, fromApi.Message));
    }

    [Fact]
    public void A_typed_line_is_checked_for_its_values_then_its_window_and_references()
    {
        var index = ReferenceIndex.Create(Reference);
        var good = Problem.Lines[0];

        Assert.Empty(DemandLineRules.Validate(good, index));
        Assert.Equal(["priority"], DemandLineRules.Validate(good with { Priority = 0 }, index).Select(e => e.Column));
        Assert.Equal(["min_grade"], DemandLineRules.Validate(good with { MinGrade = (Grade)9 }, index).Select(e => e.Column));
        Assert.Equal(["id"], DemandLineRules.Validate(good with { Id = "" }, index).Select(e => e.Column));
        Assert.Equal(
            ["buyer_id", "latest"],
            DemandLineRules.Validate(good with { BuyerId = "K-NOBODY", Latest = good.Earliest.AddDays(-1) }, index).Select(e => e.Column));
    }

    [Fact]
    public void A_typed_lot_with_a_firm_quantity_above_its_quantity_is_rejected()
    {
        var lot = Problem.Lots[0] with { FirmKg = Problem.Lots[0].QuantityKg + 1 };

        var error = Assert.Single(HarvestLotRules.Validate(lot, ReferenceIndex.Create(Reference)));

        Assert.Equal("firm_kg", error.Column);
    }

    [Fact]
    public void English_headers_are_matched_in_any_case()
    {
        var csv = LinesHeader.ToUpperInvariant() + $"N-1,{Buyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2\n";

        Assert.Single(DemandLineCsv.Parse(Csv(csv), Reference, "feed.csv").Accepted);
    }

    [Fact]
    public void A_column_given_in_english_and_in_chinese_is_a_repeated_column()
    {
        var csv = LinesHeader.TrimEnd('\n') + ",数量公斤\n" + $"N-1,{Buyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2,1200\n";

        var error = Assert.Single(DemandLineCsv.Parse(Csv(csv), Reference, "feed.csv").FileErrors);

        Assert.Equal((1, "quantity_kg"), (error.Row, error.Column));
    }

    [Fact]
    public void An_empty_header_cell_left_by_a_spreadsheet_is_reported_by_position()
    {
        var csv = LinesHeader.TrimEnd('\n') + ",\n" + $"N-1,{Buyer},{Product},first,1200,2026-06-02,2026-06-03,6.50,50,true,2,\n";

        var error = Assert.Single(DemandLineCsv.Parse(Csv(csv), Reference, "feed.csv").FileErrors);

        Assert.Equal((1, (string?)null), (error.Row, error.Column));
        Assert.Contains("header cell 12 is empty", error.Message, StringComparison.Ordinal);
    }
}
