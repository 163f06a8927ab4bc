using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Tests.Webhooks;

public sealed class WebhookRetentionJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly WebhookKit _kit = new(database);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_OldRows_DeletesProcessedAfterRetentionAndUnprocessedAfterMaxAgeInBatches()
    {
        var (sender, _) = await _kit.SenderAsync();
        var oldProcessed = await _kit.AddAsync(sender, 250, received: "7 days 1 minute");
        var recentProcessed = await _kit.AddAsync(sender, 3, received: "6 days 23 hours");
        var oldUnprocessed = await _kit.AddAsync(sender, 120, received: "2 days 1 minute");
        var recentUnprocessed = await _kit.AddAsync(sender, 3, received: "1 day 23 hours");
        await _kit.ExecuteAsync("update campaigns.webhook_inbox set processed_at = now(), outcome = 'applied' where id = any($1)", oldProcessed.Concat(recentProcessed).ToArray());
        var job = new WebhookRetentionJob(
            _kit.DataSource, Options.Create(new WebhookOptions { RetentionBatchSize = 100 }), new WebhookMetrics(), NullLogger<WebhookRetentionJob>.Instance);

        var (processed, expired) = await job.RunAsync(Cancel);

        Assert.Equal((250, 120), (processed, expired)); // the only old rows of this database
        Assert.Empty(await _kit.ExistingAsync(oldProcessed.Concat(oldUnprocessed)));
        var kept = await _kit.ExistingAsync(recentProcessed.Concat(recentUnprocessed));
        Assert.Equal(recentProcessed.Concat(recentUnprocessed), kept);
    }
}
