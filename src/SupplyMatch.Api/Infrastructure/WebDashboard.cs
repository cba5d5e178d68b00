using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace SupplyMatch.Api.Infrastructure;

/// <summary>
/// Serves the web dashboard (built from src/SupplyMatch.Web into the "dashboard" folder next to the app) at "/", next to
/// /swagger and /api. The page holds no data of its own: it calls the API with the key the user signs in with.
/// </summary>
public static class WebDashboard
{
    public const string Folder = "dashboard";

    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        + "font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

    public static void UseSupplyMatchWeb(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, Folder);
        if (!File.Exists(Path.Combine(root, "index.html")))
        {
            app.Logger.LogWarning("No dashboard in {Folder}: build src/SupplyMatch.Web (npm ci && npm run build) and rebuild the service", root);
            return;
        }

        var files = new PhysicalFileProvider(root);
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files, OnPrepareResponse = Headers });
    }

    /// <summary>Hashed assets are cached for good; the page itself is revalidated so that a new build shows at once.</summary>
    private static void Headers(Microsoft.AspNetCore.StaticFiles.StaticFileResponseContext context)
    {
        var headers = context.Context.Response.Headers;
        headers[HeaderNames.XContentTypeOptions] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers[HeaderNames.CacheControl] = context.Context.Request.Path.StartsWithSegments("/assets") ? "public, max-age=31536000, immutable" : "no-cache";
        if (context.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
        {
            headers[HeaderNames.ContentSecurityPolicy] = ContentSecurityPolicy;
            headers[HeaderNames.XFrameOptions] = "DENY";
        }
    }
}
