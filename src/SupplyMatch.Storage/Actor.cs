namespace SupplyMatch.Storage;

/// <summary>Roles of API keys.</summary>
public static class Roles
{
    public const string Buyer = "buyer";
    public const string Base = "base";
    public const string Planner = "planner";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Buyer, Base, Planner, Admin];

    /// <summary>Whether keys of the role are bound to an owner (a buyer id or a base id).</summary>
    public static bool IsOwned(string role) => role is Buyer or Base;
}

/// <summary>Who performs a write: the API key, its role and (for buyers and bases) its owner id.</summary>
public sealed record Actor(string KeyId, string Role, string? OwnerId)
{
    /// <summary>The service itself (seeding, scheduled rounds, the round job).</summary>
    public static Actor System { get; } = new("system", "system", null);

    public bool IsPlanner => Role is Roles.Planner or Roles.Admin;
}
