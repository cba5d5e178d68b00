using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using SupplyMatch.Api.Problems;
using SupplyMatch.Storage;

namespace SupplyMatch.Api.Auth;

/// <summary>Finds the API key of a request: <c>X-Api-Key: KEY</c> or <c>Authorization: ApiKey KEY</c>.</summary>
public sealed class ApiKeyAuthenticator(ApiKeyStore keys)
{
    public const string Header = "X-Api-Key";

    public static string? KeyOf(HttpRequest request)
    {
        if (request.Headers.TryGetValue(Header, out var direct) && !string.IsNullOrWhiteSpace(direct))
        {
            return direct.ToString().Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) ? authorization[7..].Trim() : null;
    }

    public async Task<ApiKeyInfo?> AuthenticateAsync(HttpRequest request, CancellationToken ct)
    {
        var key = KeyOf(request);
        return key is null or { Length: > 200 } ? null : await keys.FindAsync(key, ct);
    }
}

/// <summary>The API-key authentication scheme: claims carry the key id, role and owner (buyer or base id).</summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyAuthenticator authenticator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string OwnerClaim = "supplymatch:owner";
    public const string KeyIdClaim = "supplymatch:key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiKeyAuthenticator.KeyOf(Request) is null)
        {
            return AuthenticateResult.NoResult();
        }

        var info = await authenticator.AuthenticateAsync(Request, Context.RequestAborted);
        if (info is null)
        {
            return AuthenticateResult.Fail("Unknown or revoked API key.");
        }

        var claims = new List<Claim> { new(KeyIdClaim, info.Id.ToString()), new(ClaimTypes.Role, info.Role), new(ClaimTypes.Name, info.Name) };
        if (info.OwnerId is not null)
        {
            claims.Add(new Claim(OwnerClaim, info.OwnerId));
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated,
            "Authentication required", "Send a valid API key in the X-Api-Key header (or 'Authorization: ApiKey KEY').");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, StatusCodes.Status403Forbidden, ErrorCodes.Forbidden,
            "Forbidden", "Your API key's role may not use this endpoint.");
}

/// <summary>Authorization policies by role.</summary>
public static class Policies
{
    public const string Planner = "planner";
    public const string Admin = "admin";
    public const string PlannerOrAdmin = "planner-or-admin";
    public const string BuyerOrPlanner = "buyer-or-planner";
    public const string BaseOrPlanner = "base-or-planner";
    public const string Buyer = "buyer";
    public const string Base = "base";

    public static IServiceCollection AddSupplyMatchAuth(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyAuthenticator>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(Planner, p => p.RequireRole(Roles.Planner))
            .AddPolicy(Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(PlannerOrAdmin, p => p.RequireRole(Roles.Planner, Roles.Admin))
            .AddPolicy(BuyerOrPlanner, p => p.RequireRole(Roles.Buyer, Roles.Planner))
            .AddPolicy(BaseOrPlanner, p => p.RequireRole(Roles.Base, Roles.Planner))
            .AddPolicy(Buyer, p => p.RequireRole(Roles.Buyer))
            .AddPolicy(Base, p => p.RequireRole(Roles.Base));
        return services;
    }
}

public static class PrincipalExtensions
{
    /// <summary>The actor recorded in the audit log for this request's writes.</summary>
    public static Actor Actor(this ClaimsPrincipal user) =>
        new(user.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim) ?? "anonymous",
            user.FindFirstValue(ClaimTypes.Role) ?? "none",
            user.FindFirstValue(ApiKeyAuthenticationHandler.OwnerClaim));

    /// <summary>The buyer or base id the key is bound to; null for planners and admins (who see everything).</summary>
    public static string? OwnerScope(this ClaimsPrincipal user) => user.FindFirstValue(ApiKeyAuthenticationHandler.OwnerClaim);
}
