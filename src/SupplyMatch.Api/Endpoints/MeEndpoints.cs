using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using SupplyMatch.Api.Auth;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>Who the calling API key belongs to.</summary>
/// <param name="Role">buyer, base, planner or admin.</param>
/// <param name="OwnerId">The buyer or base id a buyer or base key is bound to; null for planners and admins.</param>
/// <param name="OwnerNameZh">The owner's Chinese name, when the owner exists in the reference data.</param>
/// <param name="OwnerNameEn">The owner's English name, when the owner exists in the reference data.</param>
/// <param name="KeyId">Id of the key (as in the audit log), never the key itself.</param>
/// <param name="Name">The name the key was issued under.</param>
public sealed record MeView(string Role, string? OwnerId, string? OwnerNameZh, string? OwnerNameEn, string KeyId, string Name);

/// <summary>Identity of the caller, so that a client (the dashboard) shows what the key's role may see.</summary>
public static class MeEndpoints
{
    public static void MapMeEndpoints(this RouteGroupBuilder api) =>
        api.MapGet("/me", GetAsync).WithTags("Identity")
            .Doc("GetMe", "Who am I", "Role and owner (buyer or base id, with its names) of the calling API key. Any role.");

    private static async Task<Ok<MeView>> GetAsync(HttpContext http, ReferenceDataStore reference, CancellationToken ct)
    {
        var user = http.User;
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        var owner = user.OwnerScope();
        (string? Zh, string? En) names = (null, null);
        if (owner is not null && role == Roles.Buyer && await reference.Buyers.GetAsync([owner], ct) is { } buyer)
        {
            names = (buyer.NameZh, buyer.NameEn);
        }
        else if (owner is not null && role == Roles.Base && await reference.Bases.GetAsync([owner], ct) is { } farm)
        {
            names = (farm.NameZh, farm.NameEn);
        }

        return TypedResults.Ok(new MeView(role, owner, names.Zh, names.En, user.Actor().KeyId, user.FindFirstValue(ClaimTypes.Name) ?? ""));
    }
}
