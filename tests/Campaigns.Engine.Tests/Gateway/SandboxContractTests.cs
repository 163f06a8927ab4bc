using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Sandbox;
using Campaigns.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Campaigns.Engine.Tests.Gateway;

/// <summary>
/// The Evolution client against the sandbox gateway on a real Kestrel port: the contract as both sides implement it
/// independently, with the sandbox's record of sends and its webhooks as the witness.
/// </summary>
public sealed class SandboxContractTests : IAsyncLifetime
{
    private const string GlobalKey = "contract-global-key";
    private const string AlphaToken = "ALPHA-TOKEN";
    private const string NotOnWhatsApp = "254799000000";

    private RunningSandbox _sandbox = null!;
    private WebApplication _receiver = null!;
    private ServiceProvider _services = null!;
    private readonly ConcurrentQueue<JsonElement> _webhooks = new();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private IGatewayClient Client => _services.GetRequiredService<IGatewayClient>();

    private GatewayTarget Alpha => new(_sandbox.BaseAddress, "alpha", AlphaToken);

    public async ValueTask InitializeAsync()
    {
        var settings = QuietSandbox.Settings(GlobalKey, ("alpha", AlphaToken, "254700000001"));
        settings["Sandbox:Network:NotOnWhatsAppNumbers:0"] = NotOnWhatsApp;
        settings["Sandbox:Faults:HangMs"] = "30000"; // longer than the client's send timeout below: a hung send times out
        _sandbox = await SandboxHost.StartAsync(settings, cancellationToken: Cancel);

        var receiver = WebApplication.CreateSlimBuilder();
        receiver.WebHost.UseUrls("http://127.0.0.1:0");
        _receiver = receiver.Build();
        _receiver.MapPost("/hook", async (HttpRequest request) =>
        {
            _webhooks.Enqueue((await JsonDocument.ParseAsync(request.Body)).RootElement.Clone());
            return Results.Ok();
        });
        await _receiver.StartAsync(Cancel);

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            // Long enough for a loaded machine (2 s timed out a media send under load); the hanging send waits this out.
            ["Gateway:RequestTimeout"] = "00:00:10",
            ["Gateway:SendTimeout"] = "00:00:06",
            ["Gateway:ConnectTimeout"] = "00:00:03",
            ["Gateway:RetryBaseDelay"] = "00:00:00.020",
        }).Build();
        _services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddGateway().BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _receiver.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task ConnectionState_OpenInstance_IsOpen() =>
        Assert.Equal(InstanceConnectionState.Open, await Client.GetConnectionStateAsync(Alpha, Cancel));

    [Fact]
    public async Task SendText_IsRecordedByTheSandboxAndItsWebhooksReachTheReceiver()
    {
        await Client.SetWebhookAsync(Alpha, new WebhookSettings(true, ReceiverUrl(), ByEvents: false, Base64: false, Events: WebhookEventNames.Campaign), Cancel);

        var sent = await Client.SendTextAsync(Alpha, new SendTextRequest("254711000001", "Hello Ann, your order is ready"), Cancel);

        Assert.True(sent.Key.FromMe);
        Assert.Equal("254711000001@s.whatsapp.net", sent.Key.RemoteJid);
        var record = Assert.Single(await SendsAsync(), s => s.GetProperty("keyId").GetString() == sent.Key.Id);
        Assert.Equal("Hello Ann, your order is ready", record.GetProperty("body").GetString());
        Assert.Equal("alpha", record.GetProperty("instance").GetString());

        var events = await WaitForWebhooksAsync(sent.Key.Id, count: 4);
        // Each event is posted on its own, as Evolution does: they may arrive in any order.
        Assert.Single(events, e => e.GetProperty("event").GetString() == "send.message");
        Assert.Equal(
            ["DELIVERY_ACK", "READ", "SERVER_ACK"],
            events.Where(e => e.GetProperty("event").GetString() == "messages.update").Select(e => e.GetProperty("data").GetProperty("status").GetString()).Order());
    }

    [Fact]
    public async Task SendMediaAndVoiceNote_AreAcceptedAndRecorded()
    {
        var document = await Client.SendMediaAsync(
            Alpha,
            new SendMediaRequest("254711000002", GatewayMediaType.Document, "https://example.com/price-list.pdf", "application/pdf", "Our prices", "price-list.pdf"),
            Cancel);
        var voice = await Client.SendWhatsAppAudioAsync(Alpha, new SendWhatsAppAudioRequest("254711000003", "https://example.com/hello.ogg"), Cancel);

        var ids = (await SendsAsync()).Select(s => s.GetProperty("keyId").GetString()).ToHashSet();
        Assert.Contains(document.Key.Id, ids);
        Assert.Contains(voice.Key.Id, ids);
    }

    [Fact]
    public async Task WhatsAppNumbers_AreMatchedByNumberInInputOrder()
    {
        string[] numbers = ["254711000009", NotOnWhatsApp, "254711000008"];

        var answers = await Client.CheckWhatsAppNumbersAsync(Alpha, numbers, Cancel);

        Assert.Equal(numbers, answers.Select(a => a.Number));
        Assert.Equal([true, false, true], answers.Select(a => a.Exists));
    }

    [Fact]
    public async Task FindMessages_FindsWhatWasSent()
    {
        var sent = await Client.SendTextAsync(Alpha, new SendTextRequest("254711000004", "Find me"), Cancel);

        var page = await Client.FindMessagesAsync(Alpha, new FindMessagesRequest(new FindMessagesWhere(new FindMessagesKey(Id: sent.Key.Id))), Cancel);

        Assert.Equal(sent.Key.Id, Assert.Single(page.Records).Key.Id);
    }

    [Fact]
    public async Task WrongKeyAndUnknownInstance_AreTypedFailures()
    {
        var wrongKey = await Assert.ThrowsAsync<GatewayException>(() =>
            Client.GetConnectionStateAsync(new GatewayTarget(_sandbox.BaseAddress, "alpha", "WRONG"), Cancel));
        var unknown = await Assert.ThrowsAsync<GatewayException>(() =>
            Client.GetConnectionStateAsync(new GatewayTarget(_sandbox.BaseAddress, "nobody", AlphaToken), Cancel));

        Assert.Equal((GatewayFailure.Unauthorized, HttpStatusCode.Unauthorized), (wrongKey.Failure, wrongKey.StatusCode));
        Assert.Equal(GatewayFailure.NotFound, unknown.Failure);
    }

    [Fact]
    public async Task SendToANumberNotOnWhatsApp_IsNotOnWhatsApp()
    {
        var failure = await Assert.ThrowsAsync<GatewayException>(() =>
            Client.SendTextAsync(Alpha, new SendTextRequest(NotOnWhatsApp, "Hello"), Cancel));

        Assert.Equal(GatewayFailure.NotOnWhatsApp, failure.Failure);
    }

    [Fact]
    public async Task RateLimitedIdempotentCall_IsRetriedAfterRetryAfter()
    {
        await FaultAsync(new { kind = "429", count = 1, retryAfterSeconds = 1 });

        Assert.Equal(InstanceConnectionState.Open, await Client.GetConnectionStateAsync(Alpha, Cancel));
    }

    [Fact]
    public async Task ServerErrorOnASend_IsNotRetried()
    {
        var before = (await SendsAsync()).Count;
        await FaultAsync(new { kind = "500", count = 1 });

        // A 500 after the request reached the gateway may follow a send that went out: never retried, and its outcome is
        // unknown (the subclass), for the dispatcher to reconcile.
        var failure = await Assert.ThrowsAnyAsync<GatewayException>(() => Client.SendTextAsync(Alpha, new SendTextRequest("254711000005", "Once"), Cancel));
        var after = await Client.SendTextAsync(Alpha, new SendTextRequest("254711000006", "Next"), Cancel);

        Assert.Equal(GatewayFailure.ServerError, failure.Failure);
        Assert.Equal(before + 1, (await SendsAsync()).Count); // only "Next": the failed send was tried once and not again
        Assert.NotNull(after.Key.Id);
    }

    [Fact]
    public async Task SendThatHangsAfterSending_IsOutcomeUnknownAndSentOnce()
    {
        var before = (await SendsAsync()).Count;
        await FaultAsync(new { kind = "hangAfter", count = 1 });

        await Assert.ThrowsAsync<GatewayOutcomeUnknownException>(() =>
            Client.SendTextAsync(Alpha, new SendTextRequest("254711000007", "Did it go?"), Cancel));

        Assert.Equal(before + 1, (await SendsAsync()).Count);
    }

    [Fact]
    public async Task CreateFetchAndDelete_GiveAnInstanceItsTokenThenRemoveIt()
    {
        var server = new GatewayServer(_sandbox.BaseAddress, GlobalKey);
        var name = "new-" + Guid.NewGuid().ToString("N")[..8];

        var created = await Client.CreateInstanceAsync(server, new CreateInstanceRequest(name), Cancel);
        var fetched = await Client.FetchInstancesAsync(server, name, Cancel);

        Assert.False(string.IsNullOrEmpty(created.Hash));
        Assert.Equal(created.Hash, Assert.Single(fetched).InstanceToken);
        var state = await Client.GetConnectionStateAsync(new GatewayTarget(_sandbox.BaseAddress, name, created.Hash!), Cancel);
        Assert.Equal(InstanceConnectionState.Open, state); // the sandbox opens new instances at once by default

        await Client.DeleteInstanceAsync(server, name, Cancel);
        var gone = await Assert.ThrowsAsync<GatewayException>(() => Client.FetchInstancesAsync(server, name, Cancel));
        Assert.Equal(GatewayFailure.NotFound, gone.Failure);
    }

    private string ReceiverUrl() =>
        _receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/hook";

    private async Task FaultAsync(object fault)
    {
        using var http = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        using var response = await http.PostAsJsonAsync("/sandbox/faults", fault, Cancel);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Cancel));
    }

    private async Task<List<JsonElement>> SendsAsync()
    {
        using var http = new HttpClient { BaseAddress = _sandbox.BaseAddress };
        var sends = await http.GetFromJsonAsync<JsonElement>("/sandbox/sends?instance=alpha", Cancel);
        var array = sends.ValueKind == JsonValueKind.Array ? sends : sends.GetProperty("sends");
        return array.EnumerateArray().Where(s => !s.TryGetProperty("outcome", out var o) || o.GetString() is "sent" or "Sent").ToList();
    }

    private async Task<List<JsonElement>> WaitForWebhooksAsync(string keyId, int count)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var matching = _webhooks.Where(w => w.GetRawText().Contains(keyId, StringComparison.Ordinal)).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            await Task.Delay(50, Cancel);
        }

        return _webhooks.Where(w => w.GetRawText().Contains(keyId, StringComparison.Ordinal)).ToList();
    }
}
