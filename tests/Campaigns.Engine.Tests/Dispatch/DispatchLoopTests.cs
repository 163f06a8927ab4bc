using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>Dispatch loops against the sandbox gateway: pacing as the gateway records it, completion, crashes, trouble.</summary>
public sealed class DispatchLoopTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() => _harness = await DispatchHarness.StartAsync(database);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_CampaignOverTwoSenders_CompletesWithEveryGapBetweenFloorAndFloorPlusJitter()
    {
        var tenant = await Kit.TenantAsync();
        var alpha = await _harness.SenderAsync(tenant, 0, jitterMinMs: 0, jitterMaxMs: 300);
        var beta = await _harness.SenderAsync(tenant, 1, jitterMinMs: 0, jitterMaxMs: 300);
        var recipients = Enumerable.Range(0, 6).Select(i => (DispatchKit.NewNumber("+25480"), i % 2 == 0 ? alpha : beta)).ToList();
        var campaign = await Kit.CampaignAsync(tenant, [alpha, beta], recipients);

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => CompletedAsync(campaign));

        var messages = await Kit.MessagesAsync(campaign);
        Assert.All(messages.Values, m => Assert.Equal("sent", m.Status));
        Assert.All(messages.Values, m => Assert.NotNull(m.GatewayId));
        foreach (var instance in new[] { 0, 1 })
        {
            var sends = await _harness.SendsAsync(instance);
            Assert.Equal(3, sends.Count);
            var at = sends.Select(s => DateTimeOffset.Parse(s.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
            for (var i = 1; i < at.Count; i++)
            {
                var gap = (at[i] - at[i - 1]).TotalMilliseconds;
                Assert.InRange(gap, 1000, 1300 + 400); // floor + jitter, and what the loop's waking and the sandbox's answer add
            }

            Assert.All((await _harness.ViolationsAsync(instance)).Values, v => Assert.Equal(0, v));
        }

        Assert.Equal(messages.Keys.Order(), (await _harness.SendsAsync(0)).Concat(await _harness.SendsAsync(1))
            .Select(s => "+" + s.GetProperty("number").GetString()!.TrimStart('+')).Order());
    }

    [Fact]
    public async Task RunAsync_ProductionDefaults_KeepsEveryGapWithinOneToSixSeconds()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 2, jitterMinMs: 1000, jitterMaxMs: 5000);
        var campaign = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25481"), sender)));

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => CompletedAsync(campaign), within: TimeSpan.FromSeconds(25));

        var at = (await _harness.SendsAsync(2)).Select(s => DateTimeOffset.Parse(s.GetProperty("at").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(3, at.Count);
        for (var i = 1; i < at.Count; i++)
        {
            Assert.InRange((at[i] - at[i - 1]).TotalMilliseconds, 2000, 6000 + 400);
        }

        Assert.All((await _harness.ViolationsAsync(2)).Values, v => Assert.Equal(0, v));
    }

    [Fact]
    public async Task RunAsync_Sends_AreMeasuredOnTheCampaignsMeter()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var recorded = new ConcurrentQueue<(string Instrument, double Value, string? Outcome)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Name.StartsWith("campaigns.dispatch.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => recorded.Enqueue((i.Name, v, Outcome(tags))));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => recorded.Enqueue((i.Name, v, Outcome(tags))));
        listener.Start();
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 11);
        var campaign = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 2).Select(_ => (DispatchKit.NewNumber("+25490"), sender)));

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options(), metrics: new DispatchMetrics(meters)), () => CompletedAsync(campaign));

        Assert.Equal(2, recorded.Count(r => r is ("campaigns.dispatch.sends", 1, "sent")));
        Assert.InRange(Assert.Single(recorded, r => r.Instrument == "campaigns.dispatch.gap").Value, 1000, 1500);
        Assert.Equal(2, recorded.Count(r => r.Instrument == "campaigns.dispatch.claim_lag"));

        static string? Outcome(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "outcome")
                {
                    return tag.Value as string;
                }
            }

            return null;
        }
    }

    [Fact]
    public async Task DispatchService_WithoutHangfire_SendsTheCampaign()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 12);
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25491"), sender)]);
        var options = DispatchKit.Options(o => o.Loops = 2);
        using var service = new DispatchService(
            _harness.Loop(options), _harness.Reconciler(options), Kit.Failover(options), DispatchKit.Wrap(options), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<DispatchService>.Instance);

        await service.StartAsync(Cancel);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await CompletedAsync(campaign) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50, Cancel);
        }

        await service.StopAsync(Cancel);
        Assert.True(await CompletedAsync(campaign));
    }

    [Fact]
    public async Task RunAsync_SecondLoopOnTheSameSlot_ExitsAtOnce()
    {
        var loop = _harness.Loop(DispatchKit.Options(o => o.LoopLifetime = TimeSpan.FromSeconds(3)));
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var first = loop.RunAsync(7, stop.Token);
        await Task.Delay(300, Cancel);

        var second = _harness.Loop(DispatchKit.Options()).RunAsync(7, Cancel);

        Assert.Same(second, await Task.WhenAny(second, Task.Delay(TimeSpan.FromSeconds(2), Cancel))); // it found the slot held and exited
        Assert.Equal(0, await second);
        Assert.False(first.IsCompleted);
        await stop.CancelAsync();
        await first;
    }

    [Fact]
    public async Task RunAsync_LoopKilledAfterTheSend_ReconciliationMakesItSentAndNothingIsSentTwice()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 3);
        var recipient = DispatchKit.NewNumber("+25482");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        var options = DispatchKit.Options(o => o.SendLease = TimeSpan.FromSeconds(1));
        var dying = new DyingGateway(_harness.Client);

        await DispatchHarness.RunUntilAsync(_harness.Loop(options, dying), () => Task.FromResult(dying.Sent > 0));
        Assert.Equal("sending", (await Kit.MessagesAsync(campaign))[recipient].Status);

        await Task.Delay(1200, Cancel); // its lease passes
        await DispatchHarness.RunUntilAsync(_harness.Loop(options), () => Task.FromResult(true)); // a new loop must not send it again
        Assert.True(await _harness.Reconciler(options).RunAsync(Cancel) >= 1);

        var message = (await Kit.MessagesAsync(campaign))[recipient];
        Assert.Equal(("sent", 1), (message.Status, message.Attempts));
        var sends = await _harness.SendsAsync(3);
        Assert.Equal(message.GatewayId, Assert.Single(sends).GetProperty("keyId").GetString());
        Assert.True(await CompletedAsync(campaign));
    }

    [Fact]
    public async Task ReconcileAsync_SendThatNeverReachedTheGateway_IsQueuedAgainAndSentOnce()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 4);
        var recipient = DispatchKit.NewNumber("+25483");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        var options = DispatchKit.Options(o => o.SendLease = TimeSpan.FromSeconds(1));
        Assert.Single((await Kit.Claimer(options).ClaimAsync(1000, "crashed", Cancel)).Sends); // its process died before sending

        await Task.Delay(1200, Cancel);
        Assert.True(await _harness.Reconciler(options).RunAsync(Cancel) >= 1);
        Assert.Equal("queued", (await Kit.MessagesAsync(campaign))[recipient].Status);

        await DispatchHarness.RunUntilAsync(_harness.Loop(options), () => CompletedAsync(campaign));
        Assert.Equal(("sent", 2), ((await Kit.MessagesAsync(campaign))[recipient].Status, (await Kit.MessagesAsync(campaign))[recipient].Attempts));
        Assert.Single(await _harness.SendsAsync(4));
    }

    [Fact]
    public async Task ReconcileAsync_GatewayCannotBeAsked_MarksUnknownOnlyAfterUnknownAfter()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant, new Uri($"http://127.0.0.1:{FreePort.Next()}/"), "gone", "KEY");
        var recipient = DispatchKit.NewNumber("+25484");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        var options = DispatchKit.Options(o => o.SendLease = TimeSpan.FromSeconds(1));
        Assert.Single((await Kit.Claimer(options).ClaimAsync(1000, "crashed", Cancel)).Sends);
        await Task.Delay(1200, Cancel);

        await _harness.Reconciler(options).RunAsync(Cancel);
        Assert.Equal("sending", (await Kit.MessagesAsync(campaign))[recipient].Status);

        await _harness.Reconciler(DispatchKit.Options(o => { o.SendLease = TimeSpan.FromSeconds(1); o.UnknownAfter = TimeSpan.FromSeconds(1); })).RunAsync(Cancel);
        Assert.Equal("unknown", (await Kit.MessagesAsync(campaign))[recipient].Status);
    }

    [Fact]
    public async Task RunAsync_NumberNotOnWhatsApp_FailsThatMessageOnlyAndTheCampaignCompletes()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 5);
        var good = DispatchKit.NewNumber("+25485");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [("+254799000000", sender), (good, sender)]);

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => CompletedAsync(campaign));

        var messages = await Kit.MessagesAsync(campaign);
        Assert.Equal(("failed", "gateway.not_on_whatsapp"), (messages["+254799000000"].Status, messages["+254799000000"].ErrorCode));
        Assert.Equal("sent", messages[good].Status);
        Assert.Null(await Kit.ScalarAsync<string?>("select paused_reason from campaigns.senders where id = $1", sender.Id));
    }

    [Fact]
    public async Task RunAsync_InstanceClosed_PausesTheSenderAndPutsTheMessageBack()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 6);
        var recipient = DispatchKit.NewNumber("+25486");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await _harness.CloseAsync(6);

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => PausedAsync(sender));

        Assert.Equal("close", await Kit.ScalarAsync<string>("select paused_reason from campaigns.senders where id = $1", sender.Id));
        var message = (await Kit.MessagesAsync(campaign))[recipient];
        Assert.Equal(("queued", "gateway.instancedisconnected"), (message.Status, message.ErrorCode));
        Assert.Null(await Kit.ScalarAsync<Instant?>(
            "select last_campaign_message_at from campaigns.recipients where tenant_id = $1 and phone = $2", tenant, recipient));
    }

    [Fact]
    public async Task RunAsync_RateLimited_BacksOffForRetryAfterThenSends()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 7);
        var recipient = DispatchKit.NewNumber("+25487");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await _harness.FaultAsync(7, "429", retryAfterSeconds: 2);

        var loop = _harness.Loop(DispatchKit.Options());
        await DispatchHarness.RunUntilAsync(loop, async () =>
            await Kit.ScalarAsync<int>("select consecutive_failures from campaigns.senders where id = $1", sender.Id) == 1);
        var backoff = await Kit.ScalarAsync<double>(
            "select extract(epoch from backoff_until - now())::float8 from campaigns.senders where id = $1", sender.Id);
        Assert.InRange(backoff, 1.0, 2.1);
        Assert.Equal("queued", (await Kit.MessagesAsync(campaign))[recipient].Status);

        await DispatchHarness.RunUntilAsync(loop, () => CompletedAsync(campaign));
        Assert.Equal(0, await Kit.ScalarAsync<int>("select consecutive_failures from campaigns.senders where id = $1", sender.Id));
        Assert.Single(await _harness.SendsAsync(7), s => s.GetProperty("outcome").GetString() == "sent");
    }

    [Fact]
    public async Task RunAsync_ServerErrorsInARow_PauseTheSenderAndTheCampaignGoesOnWithTheOther()
    {
        var tenant = await Kit.TenantAsync();
        var broken = await _harness.SenderAsync(tenant, 8);
        var healthy = await _harness.SenderAsync(tenant, 9);
        var recipients = Enumerable.Range(0, 4).Select(i => (DispatchKit.NewNumber("+25488"), i < 2 ? broken : healthy)).ToList();
        var campaign = await Kit.CampaignAsync(tenant, [broken, healthy], recipients);
        // Every request of the instance fails: two sends, and the connection-state reads (with their retries) between them.
        await _harness.FaultAsync(8, "500", count: 10);
        var options = DispatchKit.Options(o => { o.MaxConsecutiveFailures = 2; o.BackoffBase = TimeSpan.FromMilliseconds(100); });

        await DispatchHarness.RunUntilAsync(_harness.Loop(options), () => PausedAsync(broken));
        await DispatchHarness.RunUntilAsync(_harness.Loop(options), async () =>
            (await Kit.MessagesAsync(campaign)).Values.Count(m => m.Status == "sent") == 2);

        Assert.Equal("gateway_failures", await Kit.ScalarAsync<string>("select paused_reason from campaigns.senders where id = $1", broken.Id));
        var messages = await Kit.MessagesAsync(campaign);
        Assert.All(recipients.Where(r => r.Item2 == healthy), r => Assert.Equal("sent", messages[r.Item1].Status));
        // A 500 is no proof: the broken sender's first message waits for reconciliation, never resent blindly.
        Assert.Contains(recipients.Where(r => r.Item2 == broken), r => messages[r.Item1].Status == "sending");
        Assert.Empty(await _harness.SendsAsync(8));
    }

    [Fact]
    public async Task RunAsync_WrongInstanceKey_PausesTheSenderUnauthorized()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 10, key: "WRONG");
        var recipient = DispatchKit.NewNumber("+25489");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);

        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), () => PausedAsync(sender));

        Assert.Equal("unauthorized", await Kit.ScalarAsync<string>("select paused_reason from campaigns.senders where id = $1", sender.Id));
        Assert.Equal("queued", (await Kit.MessagesAsync(campaign))[recipient].Status);
    }

    private async Task<bool> CompletedAsync(Guid campaign) =>
        await Kit.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", campaign) == "completed";

    private async Task<bool> PausedAsync(TestSender sender) =>
        await Kit.ScalarAsync<bool>("select paused_reason is not null from campaigns.senders where id = $1", sender.Id);

    /// <summary>The gateway client of a loop whose process dies right after a send left: the send goes out, no answer comes back.</summary>
    private sealed class DyingGateway(IGatewayClient inner) : IGatewayClient
    {
        private int _sent;

        public int Sent => Volatile.Read(ref _sent);

        public async Task<GatewayMessage> SendTextAsync(GatewayTarget target, SendTextRequest request, CancellationToken cancellationToken)
        {
            await inner.SendTextAsync(target, request, cancellationToken);
            Interlocked.Increment(ref _sent);
            throw new OperationCanceledException("The process died.");
        }

        public Task<InstanceConnectionState> GetConnectionStateAsync(GatewayTarget target, CancellationToken cancellationToken) =>
            inner.GetConnectionStateAsync(target, cancellationToken);

        public Task<IReadOnlyList<WhatsAppNumber>> CheckWhatsAppNumbersAsync(GatewayTarget target, IReadOnlyList<string> numbers, CancellationToken cancellationToken) =>
            inner.CheckWhatsAppNumbersAsync(target, numbers, cancellationToken);

        public Task<GatewayMessage> SendMediaAsync(GatewayTarget target, SendMediaRequest request, CancellationToken cancellationToken) =>
            inner.SendMediaAsync(target, request, cancellationToken);

        public Task<GatewayMessage> SendWhatsAppAudioAsync(GatewayTarget target, SendWhatsAppAudioRequest request, CancellationToken cancellationToken) =>
            inner.SendWhatsAppAudioAsync(target, request, cancellationToken);

        public Task<WebhookResponse> SetWebhookAsync(GatewayTarget target, WebhookSettings settings, CancellationToken cancellationToken) =>
            inner.SetWebhookAsync(target, settings, cancellationToken);

        public Task<FindMessagesPage> FindMessagesAsync(GatewayTarget target, FindMessagesRequest request, CancellationToken cancellationToken) =>
            inner.FindMessagesAsync(target, request, cancellationToken);

        public Task<CreateInstanceResponse> CreateInstanceAsync(GatewayServer server, CreateInstanceRequest request, CancellationToken cancellationToken) =>
            inner.CreateInstanceAsync(server, request, cancellationToken);

        public Task<InstanceLink> ConnectInstanceAsync(GatewayTarget target, CancellationToken cancellationToken) =>
            inner.ConnectInstanceAsync(target, cancellationToken);

        public Task<IReadOnlyList<FetchedInstance>> FetchInstancesAsync(GatewayServer server, string? instanceName, CancellationToken cancellationToken) =>
            inner.FetchInstancesAsync(server, instanceName, cancellationToken);

        public Task DeleteInstanceAsync(GatewayServer server, string instanceName, CancellationToken cancellationToken) =>
            inner.DeleteInstanceAsync(server, instanceName, cancellationToken);
    }
}
