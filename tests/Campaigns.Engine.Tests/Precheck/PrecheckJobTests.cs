using System.Collections.Concurrent;
using Campaigns.Domain.Pacing;
using Campaigns.Engine.Gateway;
using Campaigns.Engine.Gateway.Contract;
using Campaigns.Engine.Precheck;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Tests.Gateway;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Precheck;

/// <summary>The pre-check against the sandbox gateway (numbers as its network answers them) and the test's database.</summary>
public sealed class PrecheckJobTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() => _harness = await DispatchHarness.StartAsync(database);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_UncheckedMessages_SetsTheirJidAndSkipsTheNumberNotOnWhatsApp()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 0);
        var good = DispatchKit.NewNumber("+25493");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(good, sender), ("+254799000000", sender)], prechecked: false);
        await Kit.ExecuteAsync("update campaigns.numbers set next_send_at = null where phone = $1", sender.Number); // parked: nothing checked

        var run = await Job().RunAsync(null, Cancel);

        Assert.Equal((1, 2, 1), (run.Lookups, run.Checked, run.NotOnWhatsApp));
        Assert.Equal(("queued", DispatchKit.Jid(good), null), await MessageAsync(campaign, good));
        Assert.Equal(("skipped", null, "not_on_whatsapp"), await MessageAsync(campaign, "+254799000000"));
        Assert.Equal(PrecheckStore.NotOnWhatsAppReason, await Kit.ScalarAsync<string>(
            "select skip_reason from campaigns.messages where campaign_id = $1 and phone = '+254799000000'", campaign));
        Assert.Equal(2L, await Kit.ScalarAsync<long>("select count(*) from campaigns.number_checks where tenant_id = $1", tenant));
        Assert.True(await Kit.ScalarAsync<bool>(
            "select next_send_at is not null from campaigns.numbers where phone = $1", sender.Number)); // woken for dispatch
    }

    [Fact]
    public async Task RunAsync_AfterTheLookup_TheDispatchLoopSendsOnlyTheNumbersOnWhatsApp()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 1);
        var good = DispatchKit.NewNumber("+25494");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(good, sender), ("+254799000000", sender)], prechecked: false);

        await Job().RunAsync(null, Cancel);
        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), async () =>
            await Kit.ScalarAsync<string>("select status from campaigns.campaigns where id = $1", campaign) == "completed");

        var sends = await _harness.SendsAsync(1);
        Assert.Equal(DispatchKit.Jid(good), Assert.Single(sends).GetProperty("number").GetString());
        Assert.Equal(0, (await _harness.ViolationsAsync(1))["notOnWhatsApp"]);
        Assert.Equal("skipped", (await MessageAsync(campaign, "+254799000000")).Status);
    }

    [Fact]
    public async Task RunAsync_GatewayAnswersAnotherJid_TheMessageGoesToThatJid()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 2);
        var local = DispatchKit.NewNumber("+9")[^8..];
        var typed = "+55119" + local; // Brazil, as typed with the ninth digit
        var folded = "5511" + local + "@s.whatsapp.net"; // as the gateway folds it
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(typed, sender)], prechecked: false);
        var gateway = new LookupGateway(_harness.Client) { Answer = numbers => numbers.Select(n => new WhatsAppNumber(folded, true, n)).ToArray() };

        await Job(gateway).RunAsync(null, Cancel);

        Assert.Equal(folded, (await MessageAsync(campaign, typed)).Jid);
        var send = Assert.Single((await Kit.Claimer().ClaimAsync(1000, "t", Cancel)).Sends, s => s.Campaign.Value == campaign);
        Assert.Equal(folded, send.Jid);
    }

    [Fact]
    public async Task RunAsync_FreshCacheEntries_SettleTheCampaignWithoutACall()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 3);
        var (on, off) = (DispatchKit.NewNumber("+25495"), DispatchKit.NewNumber("+25495"));
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(on, sender), (off, sender)], prechecked: false);
        await Kit.ExecuteAsync(
            """
            insert into campaigns.number_checks (tenant_id, phone, on_whatsapp, jid, checked_at)
            values ($1, $2, true, 'cached@s.whatsapp.net', now() - interval '29 days'), ($1, $3, false, null, now())
            """,
            tenant, on, off);
        var gateway = new LookupGateway(_harness.Client);

        var run = await Job(gateway).RunAsync(campaign, Cancel);

        Assert.Empty(gateway.Calls);
        Assert.Equal((2, 0), (run.FromCache, run.Lookups));
        Assert.Equal(("queued", "cached@s.whatsapp.net", null), await MessageAsync(campaign, on));
        Assert.Equal(("skipped", null, "not_on_whatsapp"), await MessageAsync(campaign, off));
    }

    [Fact]
    public async Task RunAsync_FreshCacheEntryMetByTheRecurringRun_IsNotAskedAgain()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 4);
        var (cached, unknown) = (DispatchKit.NewNumber("+25496"), DispatchKit.NewNumber("+25496"));
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(cached, sender), (unknown, sender)], prechecked: false);
        await Kit.ExecuteAsync(
            "insert into campaigns.number_checks (tenant_id, phone, on_whatsapp, jid, checked_at) values ($1, $2, true, 'cached@s.whatsapp.net', now())",
            tenant, cached);
        var gateway = new LookupGateway(_harness.Client);

        var run = await Job(gateway).RunAsync(null, Cancel);

        Assert.Equal(unknown.TrimStart('+'), Assert.Single(Assert.Single(gateway.Calls).Numbers));
        Assert.Equal((1, 1), (run.FromCache, run.Checked));
        Assert.Equal("cached@s.whatsapp.net", (await MessageAsync(campaign, cached)).Jid);
    }

    [Fact]
    public async Task RunAsync_CacheEntryOlderThanCacheFor_AsksAgainAndRenewsIt()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 5);
        var recipient = DispatchKit.NewNumber("+25497");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)], prechecked: false);
        await Kit.ExecuteAsync(
            "insert into campaigns.number_checks (tenant_id, phone, on_whatsapp, jid, checked_at) values ($1, $2, false, null, now() - interval '31 days')",
            tenant, recipient);

        var run = await Job().RunAsync(campaign, Cancel);

        Assert.Equal((0, 1), (run.FromCache, run.Checked));
        Assert.Equal(("queued", DispatchKit.Jid(recipient), null), await MessageAsync(campaign, recipient));
        Assert.True(await Kit.ScalarAsync<bool>(
            "select on_whatsapp and checked_at > now() - interval '1 minute' from campaigns.number_checks where tenant_id = $1 and phone = $2",
            tenant, recipient));
    }

    [Fact]
    public async Task RunAsync_ManyUncheckedNumbers_AsksAtMostBatchSizePerCallAndWaitsTheIntervalPerNumber()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 6);
        var first = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 70).Select(_ => (DispatchKit.NewNumber("+25498"), sender)), prechecked: false);
        var second = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 5).Select(_ => (DispatchKit.NewNumber("+25498"), sender)), prechecked: false);
        var gateway = new LookupGateway(_harness.Client);
        var job = Job(gateway);

        await job.RunAsync(null, Cancel);
        await job.RunAsync(null, Cancel); // within the interval: no second call of this number

        Assert.Equal(50, Assert.Single(gateway.Calls).Numbers.Count);
        Assert.Equal(5L, await Kit.ScalarAsync<long>( // both campaigns took turns in the batch
            "select count(*) from campaigns.messages where campaign_id = $1 and jid is not null", second));
        Assert.Equal(25L, await Kit.ScalarAsync<long>("select count(*) from campaigns.messages where campaign_id = $1 and jid is null", first));
        var wait = await Kit.ScalarAsync<double>(
            "select extract(epoch from lookup_next_at - now())::float8 from campaigns.numbers where phone = $1", sender.Number);
        Assert.InRange(wait, 4, 7); // CallInterval 5 s + up to 2 s of jitter, from the answer
    }

    [Fact]
    public async Task RunAsync_TwoRunsAtOnce_NeverCallOneNumbersLookupsTwice()
    {
        var tenant = await Kit.TenantAsync();
        var senders = new List<TestSender>();
        for (var i = 7; i < 10; i++)
        {
            senders.Add(await _harness.SenderAsync(tenant, i));
        }

        await Kit.CampaignAsync(tenant, senders, senders.SelectMany(s => Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25499"), s))), prechecked: false);
        var gateway = new LookupGateway(_harness.Client) { Delay = TimeSpan.FromMilliseconds(300) };

        await Task.WhenAll(Task.Run(() => Job(gateway).RunAsync(null, Cancel), Cancel), Task.Run(() => Job(gateway).RunAsync(null, Cancel), Cancel));

        Assert.Equal(senders.Select(s => s.Instance).Order(), gateway.Calls.Select(c => c.Instance).Order()); // one call each
        Assert.Equal(1, gateway.MostAtOnce);
    }

    [Fact]
    public async Task RunAsync_OneCallPerRun_NumbersTakeTurns()
    {
        var first = await Kit.TenantAsync();
        var second = await Kit.TenantAsync();
        var a = await _harness.SenderAsync(first, 10);
        var b = await _harness.SenderAsync(second, 11);
        await Kit.CampaignAsync(first, [a], Enumerable.Range(0, 120).Select(_ => (DispatchKit.NewNumber("+25470"), a)), prechecked: false);
        await Kit.CampaignAsync(second, [b], [(DispatchKit.NewNumber("+25470"), b)], prechecked: false);
        var gateway = new LookupGateway(_harness.Client);
        var job = Job(gateway, new PrecheckOptions { MaxCallsPerRun = 1, CallInterval = TimeSpan.FromSeconds(1), CallJitter = TimeSpan.Zero, RunFor = TimeSpan.Zero });

        for (var i = 0; i < 3; i++)
        {
            await job.RunAsync(null, Cancel);
            await Task.Delay(1100, Cancel);
        }

        Assert.Equal(["i10", "i11", "i10"], gateway.Calls.Select(c => c.Instance).ToArray());
    }

    [Fact]
    public async Task RunAsync_MoreDueNumbersThanOneRound_GoesOnClaimingRoundsWithinRunFor()
    {
        var tenant = await Kit.TenantAsync();
        var senders = new[] { await _harness.SenderAsync(tenant, 20), await _harness.SenderAsync(tenant, 21), await _harness.SenderAsync(tenant, 22) };
        foreach (var sender in senders)
        {
            await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25470"), sender)], prechecked: false);
        }

        var gateway = new LookupGateway(_harness.Client);
        var run = await Job(gateway, new PrecheckOptions { MaxCallsPerRun = 1, RunFor = TimeSpan.FromSeconds(30) }).RunAsync(null, Cancel);

        // One lookup at a time, a round after another in one run; each number once (the next is CallInterval away).
        Assert.True(run.Lookups >= 3, $"{run.Lookups} lookups");
        Assert.Equal(["i20", "i21", "i22"], gateway.Calls.Select(c => c.Instance).Where(i => i is "i20" or "i21" or "i22").Order().ToArray());
    }

    [Fact]
    public async Task RunAsync_RateLimited_LeavesTheNumbersUncheckedAndWaitsRetryAfter()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 12);
        var recipient = DispatchKit.NewNumber("+25471");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)], prechecked: false);
        var gateway = new LookupGateway(_harness.Client)
        {
            Answer = _ => throw new GatewayException(GatewayCall.WhatsAppNumbers, "i12", GatewayFailure.RateLimited, retryAfter: TimeSpan.FromSeconds(90)),
        };

        await Job(gateway).RunAsync(null, Cancel);

        Assert.Equal(("queued", null, null), await MessageAsync(campaign, recipient));
        Assert.InRange(await Kit.ScalarAsync<double>(
            "select extract(epoch from lookup_next_at - now())::float8 from campaigns.numbers where phone = $1", sender.Number), 85, 91);
        Assert.Null(await Kit.ScalarAsync<string?>("select paused_reason from campaigns.senders where id = $1", sender.Id));
    }

    [Fact]
    public async Task RunAsync_WrongInstanceKey_PausesTheSenderAndSkipsNothing()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 13, key: "WRONG");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(DispatchKit.NewNumber("+25472"), sender), ("+254799000000", sender)], prechecked: false);

        await Job().RunAsync(null, Cancel);

        Assert.Equal("unauthorized", await Kit.ScalarAsync<string>("select paused_reason from campaigns.senders where id = $1", sender.Id));
        Assert.All((await Kit.MessagesAsync(campaign)).Values, m => Assert.Equal("queued", m.Status));
        Assert.Equal(2L, await Kit.ScalarAsync<long>("select count(*) from campaigns.messages where campaign_id = $1 and jid is null", campaign));
    }

    private PrecheckJob Job(IGatewayClient? gateway = null, PrecheckOptions? options = null)
    {
        var wrapped = DispatchKit.Wrap(options ?? new PrecheckOptions());
        return new PrecheckJob(
            new PrecheckStore(Kit.DataSource, wrapped), gateway ?? _harness.Client, _harness.Gateway(gateway), new SenderStore(Kit.DataSource),
            wrapped, new SeededRandomSource(3), SystemClock.Instance, new PrecheckMetrics(), NullLogger<PrecheckJob>.Instance);
    }

    private async Task<(string Status, string? Jid, string? SkipCode)> MessageAsync(Guid campaign, string phone)
    {
        await using var command = Kit.DataSource.CreateCommand("select status, jid, skip_code from campaigns.messages where campaign_id = $1 and phone = $2");
        command.Parameters.Add(new() { Value = campaign });
        command.Parameters.Add(new() { Value = phone });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
    }

    /// <summary>
    /// The sandbox's client with <c>whatsappNumbers</c> watched: every call recorded (instance, numbers), how many ran at
    /// once, an optional delay, and an optional scripted answer instead of the sandbox's.
    /// </summary>
    private sealed class LookupGateway(IGatewayClient inner) : DelegatingGateway(inner)
    {
        private readonly ConcurrentQueue<(string Instance, IReadOnlyList<string> Numbers)> _calls = new();
        private readonly ConcurrentDictionary<string, int> _running = new();
        private int _most;

        public Func<IReadOnlyList<string>, IReadOnlyList<WhatsAppNumber>>? Answer { get; init; }

        public TimeSpan Delay { get; init; }

        public IReadOnlyList<(string Instance, IReadOnlyList<string> Numbers)> Calls => _calls.ToArray();

        /// <summary>The most calls of one instance that were in flight at once.</summary>
        public int MostAtOnce => Volatile.Read(ref _most);

        public override async Task<IReadOnlyList<WhatsAppNumber>> CheckWhatsAppNumbersAsync(
            GatewayTarget target, IReadOnlyList<string> numbers, CancellationToken cancellationToken)
        {
            _calls.Enqueue((target.Instance, numbers));
            InterlockedMax(ref _most, _running.AddOrUpdate(target.Instance, 1, (_, n) => n + 1));
            try
            {
                await Task.Delay(Delay, cancellationToken);
                return Answer is { } answer ? answer(numbers) : await base.CheckWhatsAppNumbersAsync(target, numbers, cancellationToken);
            }
            finally
            {
                _running.AddOrUpdate(target.Instance, 0, (_, n) => n - 1);
            }
        }

        private static void InterlockedMax(ref int location, int value)
        {
            int seen;
            while ((seen = Volatile.Read(ref location)) < value && Interlocked.CompareExchange(ref location, value, seen) != seen)
            {
            }
        }
    }
}
