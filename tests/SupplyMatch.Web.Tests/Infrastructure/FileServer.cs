using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupplyMatch.Web.Tests.Infrastructure;

/// <summary>A buyer's ordering system on loopback (Kestrel, port 0) publishing files for feeds to pull.</summary>
public sealed class FileServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, byte[]> _files = new();

    private FileServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<FileServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FileServer(builder.Build());
        server._app.Run(server.ServeAsync);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    /// <summary>Publishes a CSV file under the name and returns its URL.</summary>
    public string Publish(string name, string csv)
    {
        _files["/" + name] = Encoding.UTF8.GetBytes(csv);
        return $"{BaseUrl}/{name}";
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ServeAsync(HttpContext context)
    {
        if (!_files.TryGetValue(context.Request.Path.Value ?? "", out var body))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.ContentType = "text/csv; charset=utf-8";
        await context.Response.Body.WriteAsync(body);
    }
}
