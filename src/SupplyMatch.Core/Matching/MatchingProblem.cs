using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Matching;

/// <summary>The reference data a round is planned against.</summary>
public sealed record ReferenceData(
    IReadOnlyList<Product> Products,
    IReadOnlyList<City> Cities,
    IReadOnlyList<Base> Bases,
    IReadOnlyList<Buyer> Buyers,
    IReadOnlyList<VehicleType> VehicleTypes,
    IReadOnlyList<Lane> Lanes)
{
    /// <summary>Origin consolidation hubs and GBA distribution centres (optional; used by logistics planning).</summary>
    public IReadOnlyList<Hub> Hubs { get; init; } = [];
}

/// <summary>Everything one matching round needs: reference data, supply, demand and the round's settings.</summary>
public sealed record MatchingProblem(
    ReferenceData Reference,
    IReadOnlyList<HarvestLot> Lots,
    IReadOnlyList<DemandLine> Lines,
    MatchingSettings Settings);
