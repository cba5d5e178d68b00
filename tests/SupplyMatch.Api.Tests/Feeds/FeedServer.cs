using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SupplyMatch.Api.Tests.Feeds;

/// <summary>A request the feed server received: path and headers.</summary>
public sealed record SeenRequest(string Path, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A real HTTP server on loopback (Kestrel, port 0) standing in for buyer and base systems. Each test scripts the
/// answers of its own paths: the n-th request of a path gets the n-th answer (the last one repeats).
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Func<HttpContext, Task>[]> _scripts = new();
    private readonly ConcurrentDictionary<string, int> _counts = new();

    private FeedServer(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static async Task<FeedServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new FeedServer(builder.Build());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        server.BaseUrl = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public string Url(string path) => $"{BaseUrl}/{path}";

    /// <summary>Answers for requests to <paramref name="path"/>, in order; the last repeats.</summary>
    public void Script(string path, params Func<HttpContext, Task>[] answers) => _scripts[path] = answers;

    /// <summary>Requests seen for a path.</summary>
    public IReadOnlyList<SeenRequest> Seen(string path) => Requests.Where(r => r.Path == path).ToList();

    /// <summary>200 with the body; with an ETag, a matching If-None-Match gets 304.</summary>
    public static Func<HttpContext, Task> Body(byte[] body, string contentType = "text/csv", string? etag = null) => async context =>
    {
        if (etag is not null)
        {
            context.Response.Headers.ETag = etag;
            if (context.Request.Headers.IfNoneMatch.ToString() == etag)
            {
                context.Response.StatusCode = 304;
                return;
            }
        }

        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    };

    public static Func<HttpContext, Task> Status(int status) => context =>
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    };

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value!.TrimStart('/');
        Requests.Enqueue(new SeenRequest(path, context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (!_scripts.TryGetValue(path, out var answers))
        {
            context.Response.StatusCode = 404;
            return;
        }

        var n = _counts.AddOrUpdate(path, 1, (_, c) => c + 1);
        await answers[Math.Min(n, answers.Length) - 1](context);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
