using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Campaigns.Sandbox.Tests.Support;

/// <summary>
/// A tiny Kestrel app on 127.0.0.1 that records every POST it gets, as an engine's webhook endpoint would, and answers
/// 200, or what <c>answer</c> says (a status code) for each post.
/// </summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _received = Channel.CreateUnbounded<ReceivedWebhook>();

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    public static async Task<WebhookReceiver> StartAsync(Func<ReceivedWebhook, int>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            using var document = await JsonDocument.ParseAsync(request.Body);
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var received = new ReceivedWebhook(request.Path, headers, document.RootElement.Clone());
            receiver._received.Writer.TryWrite(received);
            return Results.StatusCode(answer?.Invoke(received) ?? StatusCodes.Status200OK);
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(address + "/hooks/evolution");
        return receiver;
    }

    /// <summary>Waits for the next <paramref name="count"/> webhooks (at most 5 s).</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> NextAsync(int count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var list = new List<ReceivedWebhook>();
        while (list.Count < count)
        {
            list.Add(await _received.Reader.ReadAsync(timeout.Token));
        }

        return list;
    }

    /// <summary>Whatever else arrives within <paramref name="wait"/>.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> RestAsync(TimeSpan wait)
    {
        await Task.Delay(wait, TestContext.Current.CancellationToken);
        var list = new List<ReceivedWebhook>();
        while (_received.Reader.TryRead(out var item))
        {
            list.Add(item);
        }

        return list;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
