using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Jobs;
using SupplyMatch.Api.Problems;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Scenario;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A harvest forecast lot as a base (or a planner on its behalf) posts it.</summary>
/// <param name="BaseId">Omit with a base key; required with a planner key.</param>
/// <param name="AvailableFrom">First ship day, CST.</param>
/// <param name="AvailableTo">Last ship day, CST.</param>
/// <param name="FirmKg">Optional committed (low-case) quantity, at most quantityKg.</param>
/// <param name="MinOrderKg">Default 0 (none).</param>
public sealed record LotBody(
    string? BaseId, string? ProductCode, Grade? Grade, DateOnly? HarvestDate, DateOnly? AvailableFrom, DateOnly? AvailableTo,
    int? QuantityKg, int? FirmKg, decimal? PriceCnyPerKg, int? MinOrderKg)
{
    /// <summary>The body that would post <paramref name="lot"/> (e.g. a row of a base's feed).</summary>
    public static LotBody Of(HarvestLot lot) => Of(lot, new HashSet<string>());

    /// <summary>The body of a row that read only in part: the fields of its <paramref name="unread"/> lots.csv columns are left out.</summary>
    public static LotBody Of(HarvestLot lot, IReadOnlySet<string> unread)
    {
        T? Read<T>(string column, T value) where T : struct => unread.Contains(column) ? null : value;
        return new(unread.Contains("base_id") ? null : lot.BaseId, unread.Contains("product_code") ? null : lot.ProductCode, Read("grade", lot.Grade),
            Read("harvest_date", lot.HarvestDate), Read("available_from", lot.AvailableFrom), Read("available_to", lot.AvailableTo),
            Read("quantity_kg", lot.QuantityKg), unread.Contains("firm_kg") ? null : lot.FirmKg, Read("price_cny_per_kg", lot.PriceCnyPerKg),
            Read("min_order_kg", lot.MinOrderKg));
    }
}

/// <summary>A revision of quantity and/or price; omitted fields stay as they are.</summary>
public sealed record LotRevisionBody(int? QuantityKg, int? FirmKg, decimal? PriceCnyPerKg);

/// <summary>A stored lot with its current revision number.</summary>
/// <param name="Status">open, or cancelled once a snapshot feed of its base no longer lists it (rounds leave it out).</param>
public sealed record LotView(
    string Id, string BaseId, string ProductCode, Grade Grade, DateOnly HarvestDate, DateOnly AvailableFrom, DateOnly AvailableTo,
    int QuantityKg, int? FirmKg, decimal PriceCnyPerKg, int MinOrderKg, int Revision, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, string Status)
{
    public static LotView From(LotRecord r) => new(r.Lot.Id, r.Lot.BaseId, r.Lot.ProductCode, r.Lot.Grade, r.Lot.HarvestDate, r.Lot.AvailableFrom,
        r.Lot.AvailableTo, r.Lot.QuantityKg, r.Lot.FirmKg, r.Lot.PriceCnyPerKg, r.Lot.MinOrderKg, r.Revision, r.CreatedAt, r.UpdatedAt, r.Status);
}

/// <summary>The rules of a new lot's days, quantities, grade and price, whether a base posts it or its forecast feed lists it.</summary>
public sealed class LotReader(DateOnly today)
{
    /// <summary>The longest ship window: availableTo at most this many days after availableFrom, as a demand line's window.</summary>
    public const int MaxWindowDays = DemandLineReader.MaxWindowDays;

    /// <summary>The lots.csv column of each body field a row of a file is checked through.</summary>
    private static readonly Dictionary<string, string> Columns = new(StringComparer.Ordinal)
    {
        ["productCode"] = "product_code", ["grade"] = "grade", ["harvestDate"] = "harvest_date", ["availableFrom"] = "available_from",
        ["availableTo"] = "available_to", ["quantityKg"] = "quantity_kg", ["firmKg"] = "firm_kg", ["priceCnyPerKg"] = "price_cny_per_kg",
        ["minOrderKg"] = "min_order_kg",
    };

    public static LotReader Create(TimeProvider clock) => new(Cst.Today(clock));

    /// <summary>The lot a body describes for a base and product already checked; what breaks a rule is added to <paramref name="v"/>.</summary>
    public HarvestLot Read(Validator v, LotBody body, string id, string baseId, string product)
    {
        var harvest = v.Required("harvestDate", body.HarvestDate);
        var from = v.Required("availableFrom", body.AvailableFrom);
        var to = v.Required("availableTo", body.AvailableTo);
        HorizonRules.CheckCalendar(v, "harvestDate", body.HarvestDate);
        HorizonRules.CheckCalendar(v, "availableFrom", body.AvailableFrom);
        HorizonRules.CheckCalendar(v, "availableTo", body.AvailableTo);
        v.Rule(body.AvailableFrom is null || body.AvailableTo is null || from <= to, "availableTo", "not_before_available_from", "must not be before availableFrom.");
        if (body.AvailableFrom is not null && body.AvailableTo is not null && to.DayNumber - from.DayNumber > MaxWindowDays)
        {
            v.Add("availableTo", "window_max_60_days", RowReasons.ShipWindowTooLong.With(("days", MaxWindowDays)));
        }

        v.Rule(body.HarvestDate is null || body.AvailableTo is null || harvest <= to, "harvestDate", "not_after_available_to", "must not be after availableTo.");
        if (body.AvailableTo is not null && to < today)
        {
            v.Add("availableTo", "not_in_past", RowReasons.AvailableToInPast.With(("today", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        }

        var quantity = v.Range("quantityKg", body.QuantityKg, 1, 10_000_000);
        // Without a quantity (a reason of its own) firm and minimum order are held to the largest one.
        var most = body.QuantityKg is null ? 10_000_000 : quantity;
        var firm = body.FirmKg is null ? (int?)null : v.Range("firmKg", body.FirmKg, 0, most);
        var moq = body.MinOrderKg is null ? 0 : v.Range("minOrderKg", body.MinOrderKg, 0, most);
        return new HarvestLot(id, baseId, product, v.Required("grade", body.Grade), harvest, from, to,
            quantity, firm, v.Money("priceCnyPerKg", body.PriceCnyPerKg, 0.01m, 1_000m), moq);
    }

    /// <summary>A lots file's good rows, less those that break these rules: they join the rejected rows with their column, code and reasons.</summary>
    public RowParseResult<HarvestLot> Check(RowParseResult<HarvestLot> rows, string fileName) =>
        ServiceRowRules.Apply(rows, fileName, lot => lot.Id, (v, lot, unread) => Read(v, LotBody.Of(lot, unread), lot.Id, lot.BaseId, lot.ProductCode), Columns);
}

/// <summary>Bases' harvest forecasts: post lots, revise quantity or price (history kept), list their own.</summary>
public static class ForecastEndpoints
{
    /// <summary>The example lot, harvested and shipped from tomorrow: sent as given, it is accepted (on the demo data).</summary>
    private static LotBody Sample(DateOnly today) => new(null, "P-CHOYSUM", Grade.Premium, today.AddDays(1), today.AddDays(1), today.AddDays(3),
        12_000, 8_000, 3.20m, 500);

    public static void MapForecastEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/lots").WithTags("Harvest forecasts").RequireAuthorization(Policies.BaseOrPlanner);
        group.MapPost("/", PostAsync).Example(today => Sample(today))
            .Requires("productCode", "grade", "harvestDate", "availableFrom", "availableTo", "quantityKg", "priceCnyPerKg")
            .Doc("PostLot", "Post a harvest forecast lot", "A base key posts for its own base. Honours Idempotency-Key.", 400, 422);
        group.MapGet("/", ListAsync).Doc("ListLots", "List lots", "A base sees only its own lots. status=open or cancelled (a lot its base's snapshot feed no longer lists) lists only those. Pages by id: pass the returned nextAfter as after (400 rule cursor when it is not the id of a lot of this list).", 400);
        group.MapGet("/{id}", GetAsync).Doc("GetLot", "Get a lot", "404 when it does not exist or is another base's.", 404);
        group.MapPatch("/{id}", ReviseAsync).Example(new LotRevisionBody(10_500, null, 3.05m))
            .Doc("ReviseLot", "Revise a lot's quantity or price", "Adds a revision; earlier revisions stay readable. A forecast may change at any time, but not below what is sold: 409 "
                + "lot_below_sold when the quantity would fall below the kg a published round's binding plan (its logistics plan, if any) holds of the lot; "
                + "409 lot_cancelled for a lot its base's snapshot feed cancelled.", 400, 404, 409);
        group.MapGet("/{id}/revisions", RevisionsAsync).Doc("ListLotRevisions", "Revision history of a lot", "Oldest first.", 404);
    }

    private static async Task<Results<Created<LotView>, ValidationProblem>> PostAsync(
        [FromBody] LotBody body, HttpContext http, ReferenceDataStore reference, ForecastStore forecasts, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validator();
        var own = http.User.OwnerScope();
        var baseId = body.BaseId is null ? own : v.Id("baseId", body.BaseId);
        if (baseId is null) { v.Add("baseId", "required", "is required with a planner key."); }
        else if (baseId.Length == 0) { /* already reported */ }
        else if (own is not null && baseId != own) { v.Add("baseId", "own_base", "must be your own base id (or omitted)."); }
        else { v.Rule(await reference.Bases.GetAsync([baseId], ct) is not null, "baseId", "exists", "must be the id of a base."); }

        var product = v.Text("productCode", body.ProductCode, 64);
        v.Rule(product.Length == 0 || await reference.Products.GetAsync([product], ct) is not null, "productCode", "exists", "must be the code of a product.");
        var lot = LotReader.Create(clock).Read(v, body, "HL-" + Guid.CreateVersion7().ToString("N"), baseId ?? "", product);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        await forecasts.PostAsync([lot], http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/lots/{lot.Id}", LotView.From((await forecasts.GetAsync(lot.Id, null, ct))!));
    }

    private static async Task<Results<Ok<Page<LotView>>, ValidationProblem>> ListAsync(
        HttpContext http, ForecastStore forecasts, string? baseId, string? status, string? after, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        v.Rule(status is null or "open" or "cancelled", "status", "one_of", "must be open or cancelled.");
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var own = http.User.OwnerScope();
        if (own is not null && baseId is not null && baseId != own)
        {
            return TypedResults.Ok(new Page<LotView>([], null));
        }

        if (after is not null && !(await forecasts.GetAsync(after, own, ct) is { } cursor && (baseId is null || cursor.Lot.BaseId == baseId)))
        {
            return Cursor.Unknown("lot");
        }

        var items = await forecasts.ListAsync(own ?? baseId, status, after, take, ct);
        return TypedResults.Ok(new Page<LotView>(items.Select(LotView.From).ToList(), items.Count == take ? items[^1].Lot.Id : null));
    }

    private static async Task<Results<Ok<LotView>, ProblemHttpResult>> GetAsync(string id, HttpContext http, ForecastStore forecasts, CancellationToken ct) =>
        await forecasts.GetAsync(id, http.User.OwnerScope(), ct) is { } lot ? TypedResults.Ok(LotView.From(lot)) : Problem.NotFound("Lot", id);

    private static async Task<Results<Ok<LotView>, ValidationProblem, ProblemHttpResult>> ReviseAsync(
        string id, [FromBody] LotRevisionBody body, HttpContext http, ForecastStore forecasts, CancellationToken ct)
    {
        if (await forecasts.GetAsync(id, http.User.OwnerScope(), ct) is not { } current)
        {
            return Problem.NotFound("Lot", id);
        }

        var v = new Validator();
        v.Rule(body.QuantityKg is not null || body.FirmKg is not null || body.PriceCnyPerKg is not null, "quantityKg", "one_required",
            "(or firmKg or priceCnyPerKg) must be given.");
        var quantity = body.QuantityKg is null ? current.Lot.QuantityKg : v.Range("quantityKg", body.QuantityKg, 1, 10_000_000);
        var firm = body.FirmKg ?? current.Lot.FirmKg;
        v.Rule(firm is null || (firm >= 0 && firm <= quantity), "firmKg", "range", "must be between 0 and quantityKg.");
        v.Rule(current.Lot.MinOrderKg <= quantity, "quantityKg", "not_below_min_order", "must not be below the lot's minOrderKg.");
        var price = body.PriceCnyPerKg is null ? (decimal?)null : v.Money("priceCnyPerKg", body.PriceCnyPerKg, 0.01m, 1_000m);
        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var revised = await forecasts.ReviseAsync(id, current.Lot.BaseId, new LotRevisionRequest(body.QuantityKg is null ? null : quantity, body.FirmKg, price),
            http.User.Actor(), ct);
        return revised switch
        {
            { Cancelled: not null } => Problem.Conflict(ErrorCodes.LotCancelled,
                $"Lot '{id}' is cancelled (its base's snapshot feed no longer lists it) and rounds leave it out; post a new lot, or list it in the feed again."),
            { Below: { } sold } => Problem.Conflict(ErrorCodes.LotBelowSold, string.Create(CultureInfo.InvariantCulture,
                $"Lot '{id}' has {sold.Kg:N0} kg sold in published round '{sold.RoundId}'; its quantity cannot go below {sold.Kg:N0} kg (asked {quantity:N0} kg).")),
            { Lot: { } lot } => TypedResults.Ok(LotView.From(lot)),
            _ => Problem.NotFound("Lot", id),
        };
    }

    private static async Task<Results<Ok<IReadOnlyList<LotRevision>>, ProblemHttpResult>> RevisionsAsync(
        string id, HttpContext http, ForecastStore forecasts, CancellationToken ct) =>
        await forecasts.RevisionsAsync(id, http.User.OwnerScope(), ct) is { } revisions ? TypedResults.Ok(revisions) : Problem.NotFound("Lot", id);
}
