using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Webhooks;

public sealed class WebhookProcessJobTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly WebhookKit _kit = new(database);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await _kit.SettleEarlierRowsAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task RunAsync_MoreRowsThanABatch_AppliesEachOnceInBatchesWithItsTenant()
    {
        var (sender, tenant) = await _kit.SenderAsync();
        var ids = await _kit.AddAsync(sender, 1_200);
        var applier = new TestApplier();

        var run = await _kit.Job(WebhookKit.Options(o => o.BatchSize = 500), applier).RunAsync(Cancel);

        Assert.Equal((1_200, 1_200), (run.Claimed, run.Applied));
        Assert.Equal([500, 500, 200], applier.Calls.Select(c => c.Count));
        Assert.Equal(ids, applier.Calls.SelectMany(c => c).Select(e => e.Id).Order()); // oldest first, each once
        Assert.All(applier.Calls.SelectMany(c => c), e => Assert.Equal((sender, tenant), (e.Sender.Value, e.Tenant.Value)));
        Assert.Equal((WebhookOutcomes.Applied, true), (await _kit.RowAsync(ids[^1])) is var row ? (row.Outcome, row.Processed) : default);
    }

    [Fact]
    public async Task RunAsync_GivesTheApplierTheStoredEnvelope()
    {
        var (sender, _) = await _kit.SenderAsync();
        await _kit.AddAsync(sender, 1);
        var seen = new List<string>();
        var applier = new TestApplier(e =>
        {
            seen.Add(e.Payload.GetProperty("event").GetString() + " " + e.Payload.GetProperty("data").GetProperty("n").GetInt32() + " " + e.Attempts);
            return ApplyResult.Applied;
        });

        await _kit.Job(WebhookKit.Options(), applier).RunAsync(Cancel);

        Assert.Equal(["messages.update 1 0"], seen);
    }

    [Fact]
    public async Task RunAsync_EventsOfSeveralAppliers_GivesEachItsOwnAndIgnoresEventsNoneTakes()
    {
        var (sender, _) = await _kit.SenderAsync();
        var updates = await _kit.AddAsync(sender, 3, WebhookEvents.MessagesUpdate);
        var states = await _kit.AddAsync(sender, 2, WebhookEvents.ConnectionUpdate);
        var replies = await _kit.AddAsync(sender, 2, WebhookEvents.MessagesUpsert);
        var statuses = new TestApplier(events: WebhookEvents.MessagesUpdate);
        var connections = new TestApplier(_ => ApplyResult.Ignored, WebhookEvents.ConnectionUpdate);

        var run = await _kit.Job(WebhookKit.Options(), statuses, connections).RunAsync(Cancel);

        Assert.Equal((7, 3, 4), (run.Claimed, run.Applied, run.Ignored));
        Assert.Equal(updates, statuses.Calls.SelectMany(c => c).Select(e => e.Id).Order());
        Assert.Equal(states, connections.Calls.SelectMany(c => c).Select(e => e.Id).Order());
        Assert.Equal((WebhookOutcomes.Ignored, true), (await _kit.RowAsync(replies[0])) is var row ? (row.Outcome, row.Processed) : default);
    }

    [Fact]
    public async Task RunAsync_ApplierAnswersRetry_BacksOffDoublingThenDropsItAsUnmatched()
    {
        var (sender, _) = await _kit.SenderAsync();
        var id = (await _kit.AddAsync(sender, 1))[0];
        var job = _kit.Job(WebhookKit.Options(), new TestApplier(_ => ApplyResult.Retry));

        var first = await job.RunAsync(Cancel);
        var afterFirst = await _kit.RowAsync(id);
        var early = await job.RunAsync(Cancel); // not due yet
        await _kit.ExecuteAsync("update campaigns.webhook_inbox set next_attempt_at = now() where id = $1", id);
        await job.RunAsync(Cancel);
        var afterSecond = await _kit.RowAsync(id);
        await _kit.ExecuteAsync("update campaigns.webhook_inbox set next_attempt_at = now(), attempts = 9 where id = $1", id);
        await job.RunAsync(Cancel);
        var capped = await _kit.RowAsync(id);
        await _kit.ExecuteAsync("update campaigns.webhook_inbox set next_attempt_at = now(), received_at = now() - interval '10 minutes 1 second' where id = $1", id);
        var last = await job.RunAsync(Cancel);

        Assert.Equal((1, 1), (first.Claimed, first.Retried));
        Assert.Equal((null, false, 1), (afterFirst.Outcome, afterFirst.Processed, afterFirst.Attempts));
        Assert.InRange(afterFirst.NextInSeconds!.Value, 0.5, 1.0);
        Assert.Equal(0, early.Claimed);
        Assert.Equal(2, afterSecond.Attempts);
        Assert.InRange(afterSecond.NextInSeconds!.Value, 1.5, 2.0);
        Assert.InRange(capped.NextInSeconds!.Value, 29.5, 30.0); // 2^9 s, capped at 30 s
        Assert.Equal(1, last.Unmatched);
        Assert.Equal((WebhookOutcomes.Unmatched, true), (await _kit.RowAsync(id)) is var row ? (row.Outcome, row.Processed) : default);
    }

    [Fact]
    public async Task RunAsync_ApplierThrowsForOneEvent_AppliesTheOthersAndRetriesItUntilFailed()
    {
        var (sender, _) = await _kit.SenderAsync();
        var ids = await _kit.AddAsync(sender, 5);
        var applier = new TestApplier { Poison = ids[2] };
        var job = _kit.Job(WebhookKit.Options(o => o.MaxAttempts = 3), applier);

        var first = await job.RunAsync(Cancel);
        var afterFirst = await _kit.RowAsync(ids[2]);
        await _kit.ExecuteAsync("update campaigns.webhook_inbox set next_attempt_at = now() where id = $1", ids[2]);
        await job.RunAsync(Cancel);
        await _kit.ExecuteAsync("update campaigns.webhook_inbox set next_attempt_at = now() where id = $1", ids[2]);
        var third = await job.RunAsync(Cancel);

        Assert.Equal((5, 4, 1), (first.Claimed, first.Applied, first.Retried));
        Assert.Equal([ids[0], ids[1], ids[3], ids[4]], applier.Applied.Keys.Order());
        Assert.All(applier.Applied.Values, n => Assert.Equal(1, n));
        Assert.Equal((null, false, 1), (afterFirst.Outcome, afterFirst.Processed, afterFirst.Attempts));
        Assert.InRange(afterFirst.NextInSeconds!.Value, 0.5, 1.0);
        Assert.Equal(1, third.Failed);
        Assert.Equal((WebhookOutcomes.Failed, true, 3), (await _kit.RowAsync(ids[2])) is var row ? (row.Outcome, row.Processed, row.Attempts) : default);
    }

    [Fact]
    public async Task RunAsync_AnotherRunTakesRowsWhoseLeaseRanOut_NeitherAppliesARowTwice()
    {
        var (sender, _) = await _kit.SenderAsync();
        var updates = await _kit.AddAsync(sender, 50, WebhookEvents.MessagesUpdate);
        var states = await _kit.AddAsync(sender, 50, WebhookEvents.ConnectionUpdate);
        // The first run claims both groups and spends longer than the lease on the first, so a second run started
        // meanwhile claims the second group's rows (the first's are locked by the transaction applying them).
        var slow = new TestApplier(events: WebhookEvents.MessagesUpdate) { Delay = TimeSpan.FromSeconds(2.5) };
        var fast = new TestApplier(events: WebhookEvents.ConnectionUpdate);
        var options = WebhookKit.Options(o => (o.ClaimLease, o.MaxConcurrentRuns) = (TimeSpan.FromSeconds(1), 2));

        var first = _kit.Job(options, slow, fast).RunAsync(Cancel);
        await Task.Delay(TimeSpan.FromSeconds(1.5), Cancel);
        var second = await _kit.Job(options, slow, fast).RunAsync(Cancel);
        var firstRun = await first;

        Assert.Equal(50, second.Claimed); // the rows whose lease ran out: else the test proves nothing
        Assert.Equal(states, fast.Applied.Keys.Order());
        Assert.Equal(updates, slow.Applied.Keys.Order());
        Assert.All(slow.Applied.Concat(fast.Applied), a => Assert.True(a.Value == 1, $"row {a.Key} applied {a.Value} times"));
        Assert.Equal((100, 50, 50), (firstRun.Claimed, firstRun.Applied, second.Applied));
    }

    [Fact]
    public async Task RunAsync_AllSlotsTaken_EndsAtOnceAndLeavesTheRows()
    {
        var (sender, _) = await _kit.SenderAsync();
        await _kit.AddAsync(sender, 20);
        var slow = new TestApplier { Delay = TimeSpan.FromSeconds(1) };
        var options = WebhookKit.Options(o => (o.BatchSize, o.MaxConcurrentRuns) = (10, 1));
        var busy = _kit.Job(options, slow).RunAsync(Cancel);
        await WaitAsync(() => !slow.Calls.IsEmpty);

        var second = await _kit.Job(options, new TestApplier()).RunAsync(Cancel);

        Assert.Equal(0, second.Claimed);
        Assert.Equal(20, (await busy).Applied);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25, Cancel);
        }

        Assert.True(condition());
    }
}
