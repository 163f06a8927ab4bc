using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary>
/// <c>messages.update</c> and <c>send.message</c> applied to campaign messages on a real database: out of order,
/// repeated, early, unknown, v1 and v2 ids, ERROR and the silent 463, and never across senders or tenants.
/// </summary>
public sealed class MessageStatusApplierTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task ApplyAsync_ReadThenDelivered_StaysReadWithBothTimes()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        var read = await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "READ"));
        var delivered = await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "DELIVERY_ACK"));

        Assert.Equal(ApplyResult.Applied, read.Single().Value);
        Assert.Equal(ApplyResult.Ignored, delivered.Single().Value);
        var row = await RowAsync(message);
        Assert.Equal("read", row.Status);
        Assert.NotNull(row.ReadAt);
        Assert.Equal(row.ReadAt, row.DeliveredAt); // a read proves delivery: set with it when no delivery receipt came
    }

    [Fact]
    public async Task ApplyAsync_SameUpdateTwice_SecondChangesNothing()
    {
        var (tenant, sender, message) = await SentMessageAsync();
        var first = StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "DELIVERY_ACK");
        var again = first with { Id = StatusWebhooks.NextId(), ReceivedAt = first.ReceivedAt + Duration.FromMinutes(5) };

        await ApplyAsync(first);
        var before = await RowAsync(message);
        var results = await ApplyAsync(again);

        Assert.Equal(ApplyResult.Applied, results[again.Id]);
        Assert.Equal(before, await RowAsync(message));
        Assert.Equal(("delivered", first.ReceivedAt), (before.Status, before.DeliveredAt));
    }

    [Fact]
    public async Task ApplyAsync_UpdateBeforeTheSendRecordedItsId_RetriesThenAppliesOnceRecorded()
    {
        var (tenant, sender, message) = await QueuedMessageAsync();
        await _kit.ExecuteAsync(
            "update campaigns.messages set status = 'sending', claimed_at = now() where campaign_id = $1 and phone = $2",
            message.Campaign, message.Phone);
        var update = StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "DELIVERY_ACK");

        var early = await ApplyAsync(update);
        await RecordSendAsync(message);
        var later = await ApplyAsync(update with { Attempts = 1 });

        Assert.Equal(ApplyResult.Retry, early[update.Id]);
        Assert.Equal(ApplyResult.Applied, later[update.Id]);
        Assert.Equal("delivered", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_UnknownId_Retries()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        var results = await ApplyAsync(StatusWebhooks.Update(tenant, sender, "3EB0" + Guid.NewGuid().ToString("N"), "READ"));

        Assert.Equal(ApplyResult.Retry, results.Single().Value);
        Assert.Equal("sent", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_V2Update_MatchesKeyIdNotTheGatewaysMessageId()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        // data.messageId is the gateway's database id: one equal to our WhatsApp id must not match.
        var results = await ApplyAsync(StatusWebhooks.Update(
            tenant, sender, "3EB0" + Guid.NewGuid().ToString("N"), "READ", data => data["messageId"] = message.WhatsAppId));

        Assert.Equal(ApplyResult.Retry, results.Single().Value);
        Assert.Equal("sent", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_V1Update_MatchesDataId()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        var results = await ApplyAsync(StatusWebhooks.UpdateV1(tenant, sender, message.WhatsAppId, "DELIVERY_ACK"));

        Assert.Equal(ApplyResult.Applied, results.Single().Value);
        Assert.Equal("delivered", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_SendMessageBeforeTheCompletion_RetriesThenApplies()
    {
        var (tenant, sender, message) = await QueuedMessageAsync();
        var send = StatusWebhooks.Send(tenant, sender, message.WhatsAppId);

        var early = await ApplyAsync(send);
        await RecordSendAsync(message);
        var later = await ApplyAsync(send);

        Assert.Equal((ApplyResult.Retry, ApplyResult.Applied), (early[send.Id], later[send.Id]));
        Assert.Equal("sent", (await RowAsync(message)).Status);
    }

    [Theory]
    [InlineData("DELETED")]
    [InlineData("SOMETHING_NEW")]
    [InlineData("7")]
    public async Task ApplyAsync_StatusThatMeansNothing_IsIgnored(string status)
    {
        var (tenant, sender, message) = await SentMessageAsync();

        var results = await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, status));

        Assert.Equal(ApplyResult.Ignored, results.Single().Value);
        Assert.Equal("sent", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_NumericStatus_ReadsBaileysNumbers()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "3"));

        Assert.Equal("delivered", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_ReceiptOfAnIncomingMessage_IsIgnored()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        var results = await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "READ", data => data["fromMe"] = false));

        Assert.Equal(ApplyResult.Ignored, results.Single().Value);
        Assert.Equal("sent", (await RowAsync(message)).Status);
    }

    [Fact]
    public async Task ApplyAsync_Error_FailsWithTheGatewaysReason()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "ERROR"));

        var row = await RowAsync(message);
        Assert.Equal(("failed", "gateway.delivery_error"), (row.Status, row.ErrorCode));
        Assert.Contains("ERROR", row.Error, StringComparison.Ordinal);
        Assert.NotNull(row.FailedAt);
        Assert.Null(await _kit.ScalarAsync<string?>("select restriction from campaigns.senders where id = $1", sender.Id));
    }

    [Fact]
    public async Task ApplyAsync_FailedThenRead_EndsReadWithoutTheError()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "ERROR"));
        var results = await ApplyAsync(StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "READ"));

        Assert.Equal(ApplyResult.Applied, results.Single().Value);
        var row = await RowAsync(message);
        Assert.Equal(("read", null), (row.Status, row.ErrorCode));
        Assert.NotNull(row.DeliveredAt);
    }

    [Fact]
    public async Task ApplyAsync_DeliveredAndReadInOneBatch_EndsRead()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        var results = await ApplyAsync(
            StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "READ"),
            StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "DELIVERY_ACK"),
            StatusWebhooks.Update(tenant, sender, message.WhatsAppId, "SERVER_ACK"));

        Assert.Equal("read", (await RowAsync(message)).Status);
        Assert.All(results.Values, r => Assert.Equal(ApplyResult.Applied, r)); // the server ack: what the message already was
    }

    [Fact]
    public async Task ApplyAsync_SilentTimelock_FailsTheMessageAndRestrictsItsSender()
    {
        var (tenant, sender, message) = await SentMessageAsync();

        await ApplyAsync(StatusWebhooks.Timelock(tenant, sender, message.WhatsAppId));

        var row = await RowAsync(message);
        Assert.Equal(("failed", "gateway.reachout_timelock"), (row.Status, row.ErrorCode));
        Assert.Equal("reachout_timelock", await _kit.ScalarAsync<string>(
            "select restriction from campaigns.senders where id = $1 and restricted_until > now()", sender.Id));
    }

    [Fact]
    public async Task ApplyAsync_AnotherTenantsSenderWithTheSameId_LeavesThisTenantsMessage()
    {
        var (_, _, message) = await SentMessageAsync();
        var otherTenant = await _kit.TenantAsync();
        var otherSender = await _kit.SenderAsync(otherTenant);

        var results = await ApplyAsync(
            StatusWebhooks.Update(otherTenant, otherSender, message.WhatsAppId, "READ"),
            StatusWebhooks.Timelock(otherTenant, otherSender, message.WhatsAppId));

        Assert.All(results.Values, r => Assert.Equal(ApplyResult.Retry, r));
        Assert.Equal(("sent", null), ((await RowAsync(message)).Status, (await RowAsync(message)).ErrorCode));
        Assert.Null(await _kit.ScalarAsync<string?>("select restriction from campaigns.senders where id = $1", message.Sender));
    }

    [Fact]
    public async Task ApplyAsync_AnotherSenderOfTheSameTenant_LeavesTheMessage()
    {
        var (tenant, _, message) = await SentMessageAsync();
        var other = await _kit.SenderAsync(tenant);

        var results = await ApplyAsync(StatusWebhooks.Update(tenant, other, message.WhatsAppId, "READ"));

        Assert.Equal(ApplyResult.Retry, results.Single().Value);
        Assert.Equal("sent", (await RowAsync(message)).Status);
    }

    private MessageStatusApplier CreateSut() => new(
        new SenderRestrictions(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), NullLogger<SenderRestrictions>.Instance),
        new StatusMetrics(),
        new DispatchMetrics(),
        NullLogger<MessageStatusApplier>.Instance);

    private async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(params InboxEvent[] events)
    {
        await using var connection = await _kit.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var results = await CreateSut().ApplyAsync(connection, transaction, events, Cancel);
        await transaction.CommitAsync(Cancel);
        Assert.Equal(events.Select(e => e.Id).Order(), results.Keys.Order());
        return results;
    }

    /// <summary>A running campaign's queued message (its WhatsApp id chosen, not recorded yet).</summary>
    private async Task<(Guid Tenant, TestSender Sender, TestMessage Message)> QueuedMessageAsync()
    {
        var tenant = await _kit.TenantAsync();
        var sender = await _kit.SenderAsync(tenant);
        var recipient = DispatchKit.NewNumber("+25481");
        var campaign = await _kit.CampaignAsync(tenant, [sender], [(recipient, sender)]);
        return (tenant, sender, new TestMessage(campaign, recipient, sender.Id, "3EB0" + Guid.NewGuid().ToString("N").ToUpperInvariant()));
    }

    /// <summary>A message the completion recorded as sent with its WhatsApp id.</summary>
    private async Task<(Guid Tenant, TestSender Sender, TestMessage Message)> SentMessageAsync()
    {
        var queued = await QueuedMessageAsync();
        await RecordSendAsync(queued.Message);
        return queued;
    }

    /// <summary>What the send's completion writes: sent, with the gateway's id (<see cref="DispatchCompleter"/>).</summary>
    private Task RecordSendAsync(TestMessage message) => _kit.ExecuteAsync(
        "update campaigns.messages set status = 'sent', gateway_message_id = $3, sent_at = now() where campaign_id = $1 and phone = $2",
        message.Campaign, message.Phone, message.WhatsAppId);

    private async Task<MessageRow> RowAsync(TestMessage message)
    {
        await using var command = _kit.DataSource.CreateCommand(
            """
            select status, delivered_at, read_at, failed_at, error_code, error
            from campaigns.messages where campaign_id = $1 and phone = $2
            """);
        command.Parameters.Add(new() { Value = message.Campaign });
        command.Parameters.Add(new() { Value = message.Phone });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return new MessageRow(
            reader.GetString(0),
            reader.IsDBNull(1) ? null : reader.GetFieldValue<Instant>(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2),
            reader.IsDBNull(3) ? null : reader.GetFieldValue<Instant>(3),
            reader.IsDBNull(4) ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }

    private sealed record TestMessage(Guid Campaign, string Phone, Guid Sender, string WhatsAppId);

    private sealed record MessageRow(string Status, Instant? DeliveredAt, Instant? ReadAt, Instant? FailedAt, string? ErrorCode, string? Error);
}
