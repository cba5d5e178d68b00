using System.Text.Json.Serialization;
using SupplyMatch.Core.Domain;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Logistics;

/// <summary>kg of a lot sent to a line along a path, with the per-kg parts of its cost (trucks are priced on shipments).</summary>
/// <param name="ShipDay">Day the lot leaves its base (CST).</param>
/// <param name="LaneDay">Day the line-haul truck leaves the lane origin (the base, or the origin hub).</param>
/// <param name="QuotedTariffCnyPerKg">The base -> buyer tariff of the allocation (MODEL.md rule 5): ex-farm plus it is the landed price checked against the line's ceiling, whatever the path.</param>
public sealed record LogisticsAllocation(
    string LotId,
    string LineId,
    string BaseId,
    string BuyerId,
    string ProductCode,
    int Kg,
    PathKind Path,
    string? OriginHubId,
    string? DcId,
    string LaneOriginId,
    string LaneDestinationId,
    DateOnly ShipDay,
    DateOnly LaneDay,
    DateOnly DeliveryDay,
    int FreshnessPercent,
    decimal ExFarmCnyPerKg,
    decimal PovertyBonusCnyPerKg,
    decimal FeederCnyPerKg,
    decimal HubHandlingCnyPerKg,
    decimal DcHandlingCnyPerKg,
    decimal CityDeliveryCnyPerKg,
    decimal QuotedTariffCnyPerKg);

/// <summary>kg of one (lot, line) on a truck.</summary>
public sealed record ShipmentLoad(string LotId, string LineId, string ProductCode, int Kg);

/// <summary>kg of one product on a truck.</summary>
public sealed record ProductLoad(string ProductCode, int Kg);

/// <summary>One line-haul truck: vehicle type, lane, ship day, times, load, cost and fill.</summary>
/// <param name="OriginId">A base id or an origin hub id.</param>
/// <param name="DestinationId">A buyer id or a distribution centre id.</param>
/// <param name="DepartureUtc">Leaves the lane origin at the dispatch hour (CST) of the ship day.</param>
/// <param name="ArrivalUtc">Reaches the lane destination after driving and handling.</param>
/// <param name="Co2Kg">Estimated CO2 of the trip (MODEL.md "Logistics", emissions).</param>
public sealed record Shipment(
    string Id,
    string VehicleTypeId,
    bool Refrigerated,
    StorageClass StorageClass,
    string OriginId,
    string DestinationId,
    DateOnly ShipDay,
    DateTimeOffset DepartureUtc,
    DateTimeOffset ArrivalUtc,
    double DistanceKm,
    int CapacityKg,
    int LoadKg,
    double FillPercent,
    decimal CostCny,
    double Co2Kg,
    IReadOnlyList<ProductLoad> ByProduct,
    IReadOnlyList<ShipmentLoad> Loads);

/// <summary>How goods leave a base: on a line-haul truck, or on a feeder to the origin hub.</summary>
public enum PickupMode
{
    Truck,
    Feeder,
}

/// <summary>kg of a lot collected at its base on a ship day.</summary>
/// <param name="ToId">The origin hub (feeder) or the truck's lane destination.</param>
public sealed record Pickup(string BaseId, string LotId, string ProductCode, DateOnly ShipDay, DateTimeOffset DepartureUtc, int Kg, PickupMode Mode, string ToId);

/// <summary>kg delivered to a buyer for a line on a day, by a line-haul truck or from a distribution centre.</summary>
public sealed record Delivery(string BuyerId, string LineId, string ProductCode, DateOnly DeliveryDay, int Kg, string? DcId);

/// <summary>One buyer to visit on a city delivery run.</summary>
/// <param name="ColdKg">Part of the kg that needs a refrigerated vehicle.</param>
/// <param name="ReadyUtc">When the last of this stop's goods is ready at the distribution centre.</param>
public sealed record DeliveryStop(
    string BuyerId,
    GeoPoint Location,
    int Kg,
    int ColdKg,
    TimeOnly ReceiveFrom,
    TimeOnly ReceiveTo,
    int ServiceMinutes,
    DateTimeOffset ReadyUtc,
    IReadOnlyList<string> LineIds);

/// <summary>The input of one delivery routing problem: a distribution centre, a delivery day and its stops.</summary>
/// <param name="VehicleTypeIds">Vehicle types allowed on city runs (capacity within the urban limit).</param>
public sealed record DeliveryRun(string DcId, GeoPoint DcLocation, DateOnly Day, int TotalKg, IReadOnlyList<string> VehicleTypeIds, IReadOnlyList<DeliveryStop> Stops);

/// <summary>A buyer visited on a city delivery route.</summary>
/// <param name="Sequence">1-based position on the route.</param>
/// <param name="Kg">kg unloaded here (a buyer too large for one vehicle is served by several routes).</param>
/// <param name="ColdKg">Part of <paramref name="Kg"/> that needs the cold chain.</param>
/// <param name="ArrivalUtc">Arrival at the buyer; service starts at <paramref name="ServiceStartUtc"/> (waiting for the receiving window in between).</param>
/// <param name="KmFromPrevious">Road km from the previous stop (or the distribution centre).</param>
public sealed record RouteStop(
    int Sequence,
    string BuyerId,
    int Kg,
    int ColdKg,
    IReadOnlyList<string> LineIds,
    DateTimeOffset ArrivalUtc,
    DateTimeOffset ServiceStartUtc,
    DateTimeOffset DepartureUtc,
    double KmFromPrevious);

/// <summary>One city delivery vehicle leaving a distribution centre on a delivery day, its stops in order and back.</summary>
/// <param name="CostCny">Fixed cost of the vehicle plus its cost per km over <paramref name="DistanceKm"/>.</param>
public sealed record DeliveryRoute(
    string Id,
    string DcId,
    DateOnly Day,
    string VehicleTypeId,
    bool Refrigerated,
    int CapacityKg,
    int LoadKg,
    double FillPercent,
    double DistanceKm,
    DateTimeOffset DepartureUtc,
    DateTimeOffset ReturnUtc,
    decimal CostCny,
    double Co2Kg,
    IReadOnlyList<RouteStop> Stops);

/// <summary>A delivery from a distribution centre that no route could carry, with the reason in numbers.</summary>
/// <param name="Message">The reason in English.</param>
/// <param name="MessageZh">The same in Chinese (null in plans stored before it was kept).</param>
public sealed record UnroutedDelivery(
    string DcId, DateOnly Day, string BuyerId, int Kg, IReadOnlyList<string> LineIds, Routing.UnroutedReason Reason, string Message, string? MessageZh = null);

/// <summary>Delivery routing KPIs (MODEL.md "Logistics", delivery routes).</summary>
/// <param name="Runs">(distribution centre, delivery day) routing problems.</param>
/// <param name="PlannedCityDeliveryCny">What the plan charged for city delivery at its per-kg tariff, to compare with <paramref name="CostCny"/>.</param>
public sealed record RoutingKpis(
    int Runs,
    int Routes,
    int Stops,
    long RoutedKg,
    int UnroutedStops,
    long UnroutedKg,
    double Km,
    decimal CostCny,
    double AverageFillPercent,
    double Co2Kg,
    decimal PlannedCityDeliveryCny);

/// <summary>A line not (or only partly) served by the plan, with its reason.</summary>
public sealed record LogisticsUnmet(string LineId, string BuyerId, string ProductCode, int RequestedKg, int AllocatedKg, int UnmetKg, UnmetReason Reason, string Message, string MessageZh);

/// <summary>The objective by term, CNY; <see cref="TotalCny"/> is what is minimised.</summary>
public sealed record ObjectiveBreakdown(
    decimal ExFarmCny,
    decimal PovertyBonusCny,
    decimal TrucksCny,
    decimal FeederCny,
    decimal HubHandlingCny,
    decimal DcHandlingCny,
    decimal CityDeliveryCny,
    decimal UnmetPenaltyCny)
{
    public decimal TotalCny => ExFarmCny - PovertyBonusCny + TrucksCny + FeederCny + HubHandlingCny + DcHandlingCny + CityDeliveryCny + UnmetPenaltyCny;

    /// <summary>Everything paid to move and handle goods, CNY.</summary>
    public decimal TransportCny => TrucksCny + FeederCny + HubHandlingCny + DcHandlingCny + CityDeliveryCny;
}

/// <summary>Logistics KPIs (definitions in MODEL.md "Logistics").</summary>
/// <param name="AverageFillPercent">Line-haul kg over line-haul capacity, %.</param>
/// <param name="CostPerKgCny">Transport cost per allocated kg.</param>
/// <param name="Co2Kg">Line-haul trucks plus the per-kg estimate of feeders and city delivery.</param>
public sealed record LogisticsKpis(
    long DemandKg,
    long AllocatedKg,
    double FillRateKg,
    int Lines,
    int LinesFullyMet,
    int LinesUnmet,
    int Trucks,
    int RefrigeratedTrucks,
    double AverageFillPercent,
    double TruckKm,
    double TonKm,
    decimal TransportCostCny,
    decimal CostPerKgCny,
    long KgViaOriginHubs,
    long KgViaDcs,
    double Co2Kg,
    double LineHaulCo2Kg,
    double Co2KgPerTonne);

/// <summary>Model size, objective, bounds and proof. Deterministic fields only (no wall-clock times).</summary>
/// <param name="Solver">"scip" or "cp-sat" (one model), "scip+lns" or "cp-sat+lns" (one model, then neighbourhoods on the work it left), "scip-lns" or "cp-sat-lns" (neighbourhood search), "rounded-lp", or "allocation-direct"/"allocation-routed" for a loaded allocation.</param>
/// <param name="CandidateArcs">Every (lot, line, path, ship day) that passes the filters.</param>
/// <param name="PairArcs">Arcs of the LP: the cheapest relaxed arc of each (lot, line).</param>
/// <param name="RetainedArcs">Arcs of the integer model.</param>
/// <param name="CompleteModel">True when the integer model kept every candidate arc.</param>
/// <param name="BestBoundCny">Best proven lower bound: the larger of the LP and Lagrangian bounds, or the MIP solver's bound on a model that kept every candidate arc.</param>
/// <param name="LpBoundCny">The LP relaxation with trucks at their envelope cost per kg.</param>
/// <param name="LagrangianBoundCny">The Lagrangian bound (supply and demand rows relaxed, whole trucks per bin kept).</param>
/// <param name="WarmStartCny">Objective of the start plan (slope scaling from the LP answer, whole trucks, repaired).</param>
/// <param name="LocalMoves">Moves the local search accepted.</param>
/// <param name="BoundIterations">Evaluations of the Lagrangian bound.</param>
public sealed record LogisticsStatistics(
    string Solver,
    SolveStatus Status,
    int Lots,
    int Lines,
    long CandidateArcs,
    long PairArcs,
    int RetainedArcs,
    bool CompleteModel,
    int Bins,
    int Variables,
    int Constraints,
    int Neighbourhoods,
    int Improvements,
    decimal ObjectiveCny,
    decimal BestBoundCny,
    decimal LpBoundCny,
    decimal LagrangianBoundCny,
    decimal WarmStartCny,
    int SlopeScalingIterations,
    int LocalMoves,
    int BoundIterations,
    double GapPercent)
{
    /// <summary>Work units the plan took (deterministic: the same for the same problem and settings).</summary>
    public long WorkUnits { get; init; }

    /// <summary>
    /// Whether the wall clock, not the work limit, cut a phase short: only then may another run of the same problem and
    /// settings give another plan.
    /// </summary>
    public bool ClockLimited { get; init; }
}

/// <summary>The plan's objective and bound at a moment of the search.</summary>
public sealed record GapPoint(double Seconds, decimal ObjectiveCny, decimal BoundCny, double GapPercent);

/// <summary>Wall-clock times per phase and the trace of objective and bound; not part of the deterministic JSON.</summary>
/// <param name="CandidatesMs">Network, candidate arcs and bins.</param>
/// <param name="LpMs">The LP bound with its duals.</param>
/// <param name="StartMs">Slope scaling, retained arcs and the repaired start plan.</param>
/// <param name="BoundMs">The Lagrangian bound.</param>
/// <param name="SearchMs">The MIP solver (one model or neighbourhood search).</param>
public sealed record LogisticsTimings(double CandidatesMs, double LpMs, double StartMs, double BoundMs, double SearchMs, double TotalMs, IReadOnlyList<GapPoint> Trace)
{
    /// <summary>City delivery routing after the plan (0 when not asked for).</summary>
    public double RoutingMs { get; init; }

    /// <summary>Work units charged per phase, in the order of the phases' times above.</summary>
    public IReadOnlyList<long> PhaseUnits { get; init; } = [];

    /// <summary>Every MIP solve of the search, in the order solved, with what it was charged and how long it took.</summary>
    public IReadOnlyList<SolveCost> Solves { get; init; } = [];
}

/// <summary>One MIP solve of the search: what the work clock charged for it against its wall time.</summary>
/// <param name="Entries">Model variables plus rows.</param>
/// <param name="Iterations">Simplex iterations (SCIP; 0 for CP-SAT).</param>
/// <param name="Nodes">Branch-and-bound nodes (SCIP) or branches (CP-SAT).</param>
/// <param name="Milliseconds">The solver's wall time.</param>
/// <param name="AtOnce">Solves running at the same time (one per worker in a round of neighbourhoods).</param>
/// <param name="WorkUnits">Units the solve's counts come to (<see cref="WorkClock.ScipUnits"/>; a round of solves at once is charged its dearest times <see cref="WorkClock.AtOnceSlowdown"/>).</param>
/// <param name="WholeModel">The one model over every retained arc, not a neighbourhood.</param>
public sealed record SolveCost(int Entries, long Iterations, long Nodes, double Milliseconds, int AtOnce, double WorkUnits, bool WholeModel);

/// <summary>A whole-truck logistics plan.</summary>
public sealed record LogisticsResult(
    SolveStatus Status,
    decimal ObjectiveCny,
    ObjectiveBreakdown Objective,
    IReadOnlyList<LogisticsAllocation> Allocations,
    IReadOnlyList<Shipment> Shipments,
    IReadOnlyList<Pickup> Pickups,
    IReadOnlyList<Delivery> Deliveries,
    IReadOnlyList<DeliveryRun> DeliveryRuns,
    IReadOnlyList<LogisticsUnmet> Unmet,
    LogisticsKpis Kpis,
    LogisticsStatistics Statistics)
{
    /// <summary>City delivery routes from the distribution centres (empty when routing was not asked for).</summary>
    public IReadOnlyList<DeliveryRoute> Routes { get; init; } = [];

    /// <summary>Deliveries from a distribution centre that no route could carry, each with its reason.</summary>
    public IReadOnlyList<UnroutedDelivery> UnroutedDeliveries { get; init; } = [];

    /// <summary>Delivery routing KPIs; null when routing was not asked for.</summary>
    public RoutingKpis? Routing { get; init; }

    /// <summary>
    /// The round's policy targets as this plan meets them (empty without targets). Reported, not optimised: the
    /// whole-truck model does not price the targets (MODEL.md), so its objective has no policy penalty.
    /// </summary>
    public IReadOnlyList<PolicyOutcome> Policy { get; init; } = [];

    /// <summary>Wall-clock timings; excluded from JSON.</summary>
    [JsonIgnore]
    public LogisticsTimings? Timings { get; init; }
}
