using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Tests.Templates;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Campaigns;

public sealed class PrepareCampaignWorkerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task StartAsync_CampaignLeftPreparingByACrash_IsPreparedAgainFromScratch()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 20, names: 20);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        await _kit.ExecuteAsync(
            $"insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash) values ($1, '{TemplateKit.Phone(3)}', 5, 'pending', 'stale', sha256('stale'))",
            campaign);
        using var worker = _kit.Worker(TimeSpan.FromHours(1)); // only the scan at start can find it

        await worker.StartAsync(Cancel);
        var ready = await _kit.WaitForAsync(campaign, CampaignStatus.Ready);
        await worker.StopAsync(Cancel);

        Assert.Equal(new Engine.Campaigns.CampaignProgress(20, 20), ready.Progress);
        var messages = await _kit.MessagesAsync(campaign);
        Assert.Equal(20, messages.Select(m => m.Phone).Distinct().Count());
        Assert.Equal("Hi Name3", messages.Single(m => m.Phone == TemplateKit.Phone(3)).Body);
    }

    [Fact]
    public async Task PrepareAsync_WorkerIdle_WakesItToPrepareAtOnce()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 5, names: 5);
        // The worker polls every hour, so only the wake-up can explain a prepare within seconds. Its scan at start must be
        // over first (or it could find the campaign itself): a campaign left preparing without a wake-up shows when it is.
        var leftover = await _kit.DraftAsync(tenant, list, "Hi {{ first_name }}");
        await _kit.ExecuteAsync("update campaigns.campaigns set status = 'preparing', prepare_requested_at = now() where id = $1", leftover);
        using var worker = _kit.Worker(TimeSpan.FromHours(1));
        await worker.StartAsync(Cancel);
        await _kit.WaitForAsync(leftover, CampaignStatus.Ready);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Cancel); // the scan after that prepare finds nothing; the worker waits

        var campaign = await _kit.PreparingAsync(tenant, list, "Hello {{ first_name }}");

        var ready = await _kit.WaitForAsync(campaign, CampaignStatus.Ready, within: TimeSpan.FromSeconds(10));
        await worker.StopAsync(Cancel);
        Assert.Equal(new Engine.Campaigns.CampaignProgress(5, 5), ready.Progress);
    }

    [Fact]
    public async Task StartAsync_OneTenantsSlowPreparesQueuedFirst_AnotherTenantsCampaignIsPreparedMeanwhile()
    {
        var tenantA = await _kit.TenantAsync();
        var listA = await _kit.ListAsync(tenantA, 5, names: 5);
        var slow = new[]
        {
            await _kit.PreparingAsync(tenantA, listA, "Hi {{ first_name }}"),
            await _kit.PreparingAsync(tenantA, listA, "Hello {{ first_name }}"),
            await _kit.PreparingAsync(tenantA, listA, "Hey {{ first_name }}"),
        };
        var tenantB = await _kit.TenantAsync();
        var small = await _kit.PreparingAsync(tenantB, await _kit.ListAsync(tenantB, 5, names: 5), "Hi {{ first_name }}");
        await using var blocker = await _kit.DataSource.OpenConnectionAsync(Cancel);
        await using var hold = await blocker.BeginTransactionAsync(Cancel);
        await using (var lockRows = new Npgsql.NpgsqlCommand("select 1 from campaigns.campaigns where id = any($1) for update", blocker, hold))
        {
            // Tenant A's prepares cannot get past their claim while this transaction lasts: as slow as prepares get.
            lockRows.Parameters.Add(new() { Value = slow.Select(c => c.Id.Value).ToArray() });
            await lockRows.ExecuteNonQueryAsync(Cancel);
        }

        using var worker = _kit.Worker(TimeSpan.FromHours(1), workers: 2, maxPerTenant: 1);
        await worker.StartAsync(Cancel);

        await _kit.WaitForAsync(small, CampaignStatus.Ready);
        foreach (var campaign in slow)
        {
            Assert.Equal(CampaignStatus.Preparing, (await _kit.FindAsync(campaign)).Status);
        }

        await hold.CommitAsync(Cancel);
        foreach (var campaign in slow)
        {
            await _kit.WaitForAsync(campaign, CampaignStatus.Ready);
        }

        await worker.StopAsync(Cancel);
    }
}
