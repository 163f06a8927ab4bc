using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Campaigns.Tests.Shared;

/// <summary>
/// A tenant's alert endpoint for tests: Kestrel on 127.0.0.1 and a free port, answering each post with the status the
/// test sets (or a redirect), recording what it got.
/// </summary>
internal sealed class AlertReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<AlertPost> _posts = new();
    private readonly Channel<AlertPost> _arrivals = Channel.CreateUnbounded<AlertPost>();

    private AlertReceiver(WebApplication app) => _app = app;

    /// <summary>Where alerts go: <c>http://127.0.0.1:{port}/hooks/alerts</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The status answered to the next posts; default 204.</summary>
    public int Status { get; set; } = StatusCodes.Status204NoContent;

    /// <summary>When set, every post is answered 302 to this path of the same server (which records it too).</summary>
    public string? RedirectTo { get; set; }

    public IReadOnlyList<AlertPost> Posts => _posts.ToArray();

    public static async Task<AlertReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.UseShutdownTimeout(TimeSpan.FromSeconds(2));
        var app = builder.Build();
        var receiver = new AlertReceiver(app);
        app.Run(async context =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            var post = new AlertPost(
                context.Request.Path.Value ?? "",
                context.Request.Headers["Campaigns-Signature"].ToString(),
                context.Request.Headers["Campaigns-Event-Id"].ToString(),
                context.Request.ContentType,
                buffer.ToArray());
            receiver._posts.Enqueue(post);
            receiver._arrivals.Writer.TryWrite(post);
            if (receiver.RedirectTo is { } to)
            {
                context.Response.Redirect(to);
                return;
            }

            context.Response.StatusCode = receiver.Status;
        });
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.Single() + "/hooks/alerts");
        return receiver;
    }

    /// <summary>Waits for the next post not yet waited for.</summary>
    public async Task<AlertPost> NextAsync(TimeSpan within)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(within);
        return await _arrivals.Reader.ReadAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
