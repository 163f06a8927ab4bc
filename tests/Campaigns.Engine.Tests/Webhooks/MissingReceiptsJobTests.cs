using Campaigns.Engine.Receipts;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary>The missing-receipt flag and its check against the sandbox gateway's record of messages.</summary>
public sealed class MissingReceiptsJobTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DispatchHarness _harness = null!;

    private DispatchKit Kit => _harness.Kit;

    public async ValueTask InitializeAsync() => _harness = await DispatchHarness.StartAsync(database);

    public async ValueTask DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RunAsync_SentWithoutReceiptLongAgo_FlagsItAndAppliesTheGatewaysRecord()
    {
        var (campaign, recipient) = await SentThroughTheSandboxAsync(instance: 4);
        await AgeAsync(campaign, Duration.FromHours(7));

        var run = await CreateSut().RunAsync(Cancel);

        Assert.InRange(run.Moved, 1, int.MaxValue);
        var row = await RowAsync(campaign, recipient);
        Assert.Equal("read", row.Status); // the sandbox acknowledged, delivered and read it within milliseconds
        Assert.Null(row.MissingAt); // a receipt clears the flag
        Assert.True(await Kit.ScalarAsync<bool>(
            "select delivered_at is not null and read_at is not null from campaigns.messages where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task RunAsync_SentRecently_IsNotFlagged()
    {
        var (campaign, recipient) = await SentThroughTheSandboxAsync(instance: 5);
        await AgeAsync(campaign, Duration.FromHours(5));

        await CreateSut().RunAsync(Cancel);

        Assert.Equal(("sent", null), ((await RowAsync(campaign, recipient)).Status, (await RowAsync(campaign, recipient)).MissingAt));
    }

    [Fact]
    public async Task RunAsync_GatewayHasNoLaterStatus_StaysFlaggedAndIsNotCheckedAgainSoon()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 7);
        var recipient = DispatchKit.NewNumber("+25483");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await RecordSentAsync(campaign, "3EB0" + Guid.NewGuid().ToString("N"), Duration.FromHours(7)); // not at the gateway

        await CreateSut().RunAsync(Cancel);
        var first = await RowAsync(campaign, recipient);
        await CreateSut().RunAsync(Cancel);

        Assert.Equal(("sent", true, true), (first.Status, first.MissingAt is not null, first.CheckedAt is not null));
        Assert.Equal(first, await RowAsync(campaign, recipient)); // checked again only after Receipts:RecheckAfter
    }

    [Fact]
    public async Task RunAsync_GatewayCannotBeAsked_StaysFlaggedForTheNextRun()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await Kit.SenderAsync(tenant); // its gateway is 127.0.0.1:9: nothing listens
        var recipient = DispatchKit.NewNumber("+25484");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await RecordSentAsync(campaign, "3EB0" + Guid.NewGuid().ToString("N"), Duration.FromHours(7));

        await CreateSut().RunAsync(Cancel);

        var row = await RowAsync(campaign, recipient);
        Assert.Equal(("sent", true, null), (row.Status, row.MissingAt is not null, row.CheckedAt));
    }

    [Fact]
    public async Task RunAsync_ChecksPerSender_BoundsOneSendersLookUps()
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, 8);
        var campaign = await Kit.CampaignAsync(tenant, [sender], Enumerable.Range(0, 3).Select(_ => (DispatchKit.NewNumber("+25487"), sender)));
        await RecordSentAsync(campaign, null, Duration.FromHours(7));

        await CreateSut(o => o.ChecksPerSender = 2).RunAsync(Cancel);
        var first = await CheckedAsync(campaign);
        await CreateSut(o => o.ChecksPerSender = 2).RunAsync(Cancel);

        Assert.Equal((3, 2, 3), (await Kit.ScalarAsync<long>("select count(*) from campaigns.messages where campaign_id = $1 and receipt_missing_at is not null", campaign), first, await CheckedAsync(campaign)));
    }

    private MissingReceiptsJob CreateSut(Action<ReceiptsOptions>? change = null)
    {
        var options = new ReceiptsOptions();
        change?.Invoke(options);
        return new MissingReceiptsJob(
            Kit.DataSource, _harness.Gateway(), _harness.Client, DispatchKit.Wrap(options), SystemClock.Instance, NullLogger<MissingReceiptsJob>.Instance);
    }

    /// <summary>A one-message campaign sent by a dispatch loop through the sandbox (which records its acknowledgements).</summary>
    private async Task<(Guid Campaign, string Recipient)> SentThroughTheSandboxAsync(int instance)
    {
        var tenant = await Kit.TenantAsync();
        var sender = await _harness.SenderAsync(tenant, instance);
        var recipient = DispatchKit.NewNumber("+25488");
        var campaign = await Kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        await DispatchHarness.RunUntilAsync(_harness.Loop(DispatchKit.Options()), async () => (await RowAsync(campaign, recipient)).Status == "sent");
        await Task.Delay(200, Cancel); // the sandbox's acknowledgements come 5 ms apart
        return (campaign, recipient);
    }

    /// <summary>Every message of the campaign sent <paramref name="ago"/>, with the given WhatsApp id (null: a fresh one each).</summary>
    private Task RecordSentAsync(Guid campaign, string? whatsAppId, Duration ago) => Kit.ExecuteAsync(
        """
        update campaigns.messages set status = 'sent', gateway_message_id = coalesce($2, '3EB0' || md5(phone)), sent_at = now() - $3
        where campaign_id = $1
        """,
        campaign, (object?)whatsAppId ?? DBNull.Value, ago);

    private Task<long> CheckedAsync(Guid campaign) =>
        Kit.ScalarAsync<long>("select count(*) from campaigns.messages where campaign_id = $1 and receipt_checked_at is not null", campaign);

    private Task AgeAsync(Guid campaign, Duration ago) =>
        Kit.ExecuteAsync("update campaigns.messages set sent_at = now() - $2 where campaign_id = $1", campaign, ago);

    private async Task<(string Status, Instant? MissingAt, Instant? CheckedAt)> RowAsync(Guid campaign, string recipient)
    {
        await using var command = Kit.DataSource.CreateCommand(
            "select status, receipt_missing_at, receipt_checked_at from campaigns.messages where campaign_id = $1 and phone = $2");
        command.Parameters.Add(new() { Value = campaign });
        command.Parameters.Add(new() { Value = recipient });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<Instant>(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2));
    }
}
