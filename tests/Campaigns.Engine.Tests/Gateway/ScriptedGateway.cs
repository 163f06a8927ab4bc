using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) that answers every request with a per-test script, and records what it got.
/// </summary>
internal sealed class ScriptedGateway : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests = new();
    private readonly Channel<RecordedRequest> _arrivals = Channel.CreateUnbounded<RecordedRequest>();
    private int _count;

    private ScriptedGateway(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => _requests.ToArray();

    /// <param name="script">Answers one request; it sees the recorded request and writes the response.</param>
    /// <param name="port">0 for any free port.</param>
    /// <param name="pathBase">A path prefix the gateway is mounted under, e.g. <c>/evolution</c>.</param>
    public static async Task<ScriptedGateway> StartAsync(
        Func<RecordedRequest, HttpContext, Task> script, int port = 0, string pathBase = "")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var gateway = new ScriptedGateway(app);
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "";
            var recorded = new RecordedRequest(
                Interlocked.Increment(ref gateway._count),
                context.Request.Method,
                path.StartsWith(pathBase, StringComparison.Ordinal) ? path[pathBase.Length..] : path,
                context.Request.QueryString.Value ?? "",
                context.Request.Headers["apikey"].FirstOrDefault(),
                context.Request.ContentType,
                body);
            gateway._requests.Enqueue(recorded);
            gateway._arrivals.Writer.TryWrite(recorded);
            await script(recorded, context);
        });
        await app.StartAsync();
        gateway.BaseUrl = new Uri(app.Urls.Single() + pathBase + "/");
        return gateway;
    }

    /// <summary>Waits until the next request (not yet waited for) has arrived.</summary>
    public async Task<RecordedRequest> NextRequestAsync(CancellationToken cancellationToken) =>
        await _arrivals.Reader.ReadAsync(cancellationToken);

    /// <summary>Answers JSON with a status and optional headers.</summary>
    public static async Task Respond(HttpContext context, int status, string json, string? retryAfter = null)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        await context.Response.WriteAsync(json, context.RequestAborted);
    }

    /// <summary>Never answers: holds the request until the client gives up or the server stops.</summary>
    public static async Task Hang(HttpContext context)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            // The client went away: that is the point.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
