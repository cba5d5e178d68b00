namespace SupplyMatch.Core.Domain;

/// <summary>What a logistics hub does in the network.</summary>
public enum HubKind
{
    /// <summary>Origin consolidation hub (产地集配中心) in a partner province: feeders bring lots in, line-haul trucks leave full.</summary>
    OriginHub,

    /// <summary>GBA distribution centre (大湾区分拨中心): line-haul trucks unload, local delivery runs serve the buyers.</summary>
    GbaDc,
}

/// <summary>An origin consolidation hub or a GBA distribution centre.</summary>
/// <param name="Region">The province (origin hubs, e.g. <c>yunnan</c>) or the GBA city id (distribution centres, e.g. <c>GZ</c>).</param>
/// <param name="HandlingCnyPerKg">Handling cost per kg passing through, CNY/kg.</param>
/// <param name="HandlingHours">Hours from arrival until the goods can leave again.</param>
public sealed record Hub(
    string Id,
    string NameZh,
    string NameEn,
    HubKind Kind,
    string Region,
    GeoPoint Location,
    decimal HandlingCnyPerKg,
    double HandlingHours);
