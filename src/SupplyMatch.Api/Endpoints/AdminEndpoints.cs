using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using SupplyMatch.Api.Auth;
using SupplyMatch.Api.Problems;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Endpoints;

/// <summary>A key to issue. Buyer and base keys are bound to their owner (a buyer id or a base id); planner and admin keys to none.</summary>
public sealed record IssueKeyBody(string? Role, string? OwnerId, string? Name);

/// <summary>An issued key: the key itself is shown only in this response (only its hash is stored).</summary>
public sealed record IssuedKey(Guid Id, string Key, string Role, string? OwnerId, string Name);

public static class AdminEndpoints
{
    public static void MapAdminEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("Administration").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", IssueAsync).Example(new IssueKeyBody(Roles.Buyer, "GZ-JIANGNAN", "Jiangnan market ERP")).Requires("role", "name")
            .Doc("IssueApiKey", "Issue an API key", "Admins only. The key is returned once; only its SHA-256 hash is stored.", 400, 422);
        keys.MapGet("/", async Task<Ok<IReadOnlyList<ApiKeyInfo>>> (ApiKeyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .Doc("ListApiKeys", "List API keys", "Admins only. Without the keys themselves.");
        keys.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid id, HttpContext http, ApiKeyStore store, CancellationToken ct) =>
            await store.RevokeAsync(id, http.User.Actor(), ct) ? TypedResults.NoContent() : Problem.NotFound("Live API key", id.ToString()))
            .Doc("RevokeApiKey", "Revoke an API key", "Admins only. Takes effect at once.", 404);

        api.MapGet("/audit", AuditAsync).WithTags("Administration").RequireAuthorization(Policies.PlannerOrAdmin)
            .Doc("ListAudit", "Read the audit log", "Every write: who (key id, role, owner), when (UTC), what. Newest first; page with before=<id>.", 400);
    }

    private static async Task<Results<Created<IssuedKey>, ValidationProblem>> IssueAsync(
        [FromBody] IssueKeyBody body, HttpContext http, ApiKeyStore keys, ReferenceDataStore reference, CancellationToken ct)
    {
        var v = new Validator();
        var role = v.Text("role", body.Role, 20);
        v.Rule(role.Length == 0 || Roles.All.Contains(role), "role", "one_of", "must be buyer, base, planner or admin.");
        var name = v.Text("name", body.Name, 100);
        if (Roles.IsOwned(role))
        {
            var owner = v.Id("ownerId", body.OwnerId);
            var exists = owner.Length > 0 && (role == Roles.Buyer
                ? await reference.Buyers.GetAsync([owner], ct) is not null
                : await reference.Bases.GetAsync([owner], ct) is not null);
            v.Rule(owner.Length == 0 || exists, "ownerId", "exists", $"must be the id of a {role}.");
        }
        else
        {
            v.Rule(body.OwnerId is null, "ownerId", "must_be_absent", "must be omitted for planner and admin keys.");
        }

        if (!v.Ok)
        {
            return v.ToProblem();
        }

        var (info, key) = await keys.IssueAsync(role, body.OwnerId, name, http.User.Actor(), null, ct);
        return TypedResults.Created($"/api/v1/api-keys/{info.Id}", new IssuedKey(info.Id, key, info.Role, info.OwnerId, info.Name));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ValidationProblem>> AuditAsync(
        AuditStore audit, string? entity, string? entityId, string? actorKeyId, long? before, int? limit, CancellationToken ct)
    {
        var v = new Validator();
        var take = v.Limit(limit);
        return v.Ok ? TypedResults.Ok(await audit.ListAsync(new AuditQuery(entity, entityId, actorKeyId, before, take), ct)) : v.ToProblem();
    }
}
