using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary>A running sender's <c>connection.update</c> against a dispatch loop and the sandbox gateway.</summary>
public sealed class ConnectionStateDispatchTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness _harness = null!;

    public async ValueTask InitializeAsync() => _harness = await DispatchHarness.StartAsync(database);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("close")]
    [InlineData("connecting")]
    public async Task ApplyAsync_NotOpenWhileSending_StopsTheSenderWithinOneGapAndOpenResumesIt(string state)
    {
        var instance = state == "close" ? 2 : 3;
        var tenant = await _harness.Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, instance);
        var recipients = Enumerable.Range(0, 12).Select(_ => (DispatchKit.NewNumber("+25482"), sender)).ToList();
        await _harness.Kit.CampaignAsync(tenant, [sender], recipients);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var loop = _harness.Loop(DispatchKit.Options()).RunAsync(0, stop.Token);
        try
        {
            await WaitAsync(async () => (await _harness.SendsAsync(instance)).Count >= 2);

            await ApplyAsync(StatusWebhooks.Connection(tenant, sender, state));
            var atPause = (await _harness.SendsAsync(instance)).Count;
            await Task.Delay(TimeSpan.FromSeconds(3), Cancel); // the gap is 1 s: three gaps

            var afterPause = (await _harness.SendsAsync(instance)).Count;
            Assert.InRange(afterPause, atPause, atPause + 1); // at most the send already claimed
            await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "open"));
            await WaitAsync(async () => (await _harness.SendsAsync(instance)).Count > afterPause);
        }
        finally
        {
            await stop.CancelAsync();
            await loop;
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "Not reached in time.");
            await Task.Delay(50, Cancel);
        }
    }

    private async Task ApplyAsync(InboxEvent webhook)
    {
        await using var connection = await _harness.Kit.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var results = await new ConnectionStateApplier(new StatusMetrics(), NullLogger<ConnectionStateApplier>.Instance)
            .ApplyAsync(connection, transaction, [webhook], Cancel);
        await transaction.CommitAsync(Cancel);
        Assert.Equal(ApplyResult.Applied, results[webhook.Id]);
    }
}
