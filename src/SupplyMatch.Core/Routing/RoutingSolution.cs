using System.Text.Json.Serialization;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Core.Routing;

/// <summary>
/// The routes found for a <see cref="RoutingProblem"/>, in the problem's integer units. Every stop of the
/// problem is either on exactly one route or listed in <see cref="Unrouted"/> with its reason.
/// </summary>
/// <param name="TotalDistance">Sum of the route distances, distance units.</param>
/// <param name="Objective">What the search minimised: distance, plus fixed vehicle costs when asked.</param>
/// <param name="Status">
/// <see cref="SolveStatus.Feasible"/> when routes were found (routing search proves no optimum);
/// <see cref="SolveStatus.NotSolved"/> when the limit came first; <see cref="SolveStatus.Cancelled"/> on cancellation
/// (with the best routes found until then, if any).
/// </param>
/// <param name="SolveTime">Wall-clock time of the search (not part of any comparison).</param>
public sealed record RoutingSolution(
    string Name,
    IReadOnlyList<VehicleRoute> Routes,
    long TotalDistance,
    int VehiclesUsed,
    long Objective,
    SolveStatus Status,
    TimeSpan SolveTime,
    IReadOnlyList<UnroutedStop> Unrouted);

/// <summary>One vehicle's trip from the depot through its stops and back.</summary>
/// <param name="Vehicle">Index of the vehicle in the fleet (0-based).</param>
/// <param name="DepartDepot">Time the vehicle leaves the depot.</param>
/// <param name="ReturnDepot">Time the vehicle is back at the depot.</param>
/// <param name="LoadKg">Total demand delivered on the route.</param>
/// <param name="Distance">Route distance including the legs from and to the depot, distance units.</param>
public sealed record VehicleRoute(
    int Vehicle,
    IReadOnlyList<RouteVisit> Visits,
    long DepartDepot,
    long ReturnDepot,
    int LoadKg,
    long Distance);

/// <summary>A stop on a route. Arrival &lt;= ServiceStart (the gap is waiting); Departure = ServiceStart + service time.</summary>
public sealed record RouteVisit(string StopId, int Location, long Arrival, long ServiceStart, long Departure);

/// <summary>A stop left off every route, and why.</summary>
/// <param name="Message">The numbers behind the reason, in words.</param>
public sealed record UnroutedStop(string StopId, UnroutedReason Reason, string Message);

/// <summary>Why a stop is not on any route.</summary>
public enum UnroutedReason
{
    /// <summary>Its demand is larger than a vehicle's capacity.</summary>
    [JsonStringEnumMemberName("capacity")]
    Capacity,

    /// <summary>Even directly from the depot it cannot be served inside its window, or the vehicle cannot be back by the horizon.</summary>
    [JsonStringEnumMemberName("time_window")]
    TimeWindow,

    /// <summary>Even alone on a route it exceeds the maximum route duration.</summary>
    [JsonStringEnumMemberName("route_length")]
    RouteLength,

    /// <summary>It could be served alone, but the fleet has no room for it beside the other stops.</summary>
    [JsonStringEnumMemberName("no_vehicle")]
    NoVehicle,
}
