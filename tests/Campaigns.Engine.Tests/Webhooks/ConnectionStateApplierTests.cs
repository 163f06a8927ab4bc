using Campaigns.Engine.Senders;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Engine.Tests.Webhooks;

/// <summary><c>connection.update</c> applied to senders on a real database: pause, resume, stale events.</summary>
public sealed class ConnectionStateApplierTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Theory]
    [InlineData("connecting", "connecting")]
    [InlineData("close", "close")]
    [InlineData("refused", "close")]
    public async Task ApplyAsync_NotOpen_RecordsTheStateAndPausesWithItsName(string state, string stored)
    {
        var (tenant, sender) = await SenderAsync();

        var results = await ApplyAsync(StatusWebhooks.Connection(tenant, sender, state));

        Assert.Equal(ApplyResult.Applied, results.Single().Value);
        Assert.Equal((stored, state), await StateAsync(sender));
    }

    [Fact]
    public async Task ApplyAsync_OpenAfterClose_ResumesAndWakesTheNumber()
    {
        var (tenant, sender) = await SenderAsync();
        await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "close"));
        await _kit.ExecuteAsync("update campaigns.numbers set next_send_at = null where phone = $1", sender.Number);

        var results = await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "open"));

        Assert.Equal(ApplyResult.Applied, results.Single().Value);
        Assert.Equal(("open", null), await StateAsync(sender));
        Assert.True(await _kit.ScalarAsync<bool>("select reconnected_at is not null from campaigns.senders where id = $1", sender.Id));
        Assert.True(await _kit.ScalarAsync<bool>("select next_send_at <= now() from campaigns.numbers where phone = $1", sender.Number));
    }

    [Fact]
    public async Task ApplyAsync_OpenWhilePausedForDispatchFailuresOfAClosedInstance_LiftsThatPause()
    {
        var (tenant, sender) = await SenderAsync();
        // Dispatch pauses with the state's name and leaves the state open (it never asked the webhook).
        await _kit.ExecuteAsync(
            "update campaigns.senders set paused_reason = 'close', paused_at = now(), consecutive_failures = 4 where id = $1", sender.Id);

        await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "open"));

        Assert.Equal(("open", null), await StateAsync(sender));
        Assert.Equal(0, await _kit.ScalarAsync<int>("select consecutive_failures from campaigns.senders where id = $1", sender.Id));
    }

    [Theory]
    [InlineData(SenderConflicts.PausedByUser)]
    [InlineData("health:flapping")]
    public async Task ApplyAsync_OpenWhilePausedForAnotherReason_KeepsThatPause(string reason)
    {
        var (tenant, sender) = await SenderAsync();
        await _kit.ExecuteAsync("update campaigns.senders set paused_reason = $2, paused_at = now() where id = $1", sender.Id, reason);

        await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "close"));
        await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "open"));

        Assert.Equal(("open", reason), await StateAsync(sender));
    }

    [Fact]
    public async Task ApplyAsync_OlderEventAfterANewerOne_IsIgnored()
    {
        var (tenant, sender) = await SenderAsync();
        var older = StatusWebhooks.Connection(tenant, sender, "open");
        var newer = StatusWebhooks.Connection(tenant, sender, "close");

        await ApplyAsync(newer);
        var results = await ApplyAsync(older);

        Assert.Equal(ApplyResult.Ignored, results.Single().Value);
        Assert.Equal(("close", "close"), await StateAsync(sender));
    }

    [Fact]
    public async Task ApplyAsync_SeveralEventsOfOneSenderInABatch_AppliesTheNewest()
    {
        var (tenant, sender) = await SenderAsync();
        var close = StatusWebhooks.Connection(tenant, sender, "close");
        var open = StatusWebhooks.Connection(tenant, sender, "open");
        var connecting = StatusWebhooks.Connection(tenant, sender, "connecting");

        var results = await ApplyAsync(connecting, open, close);

        Assert.Equal((ApplyResult.Ignored, ApplyResult.Ignored, ApplyResult.Applied), (results[close.Id], results[open.Id], results[connecting.Id]));
        Assert.Equal(("connecting", "connecting"), await StateAsync(sender));
    }

    [Theory]
    [InlineData("sleeping")]
    [InlineData("")]
    public async Task ApplyAsync_UnknownState_IsIgnored(string state)
    {
        var (tenant, sender) = await SenderAsync();

        var results = await ApplyAsync(StatusWebhooks.Connection(tenant, sender, state));

        Assert.Equal(ApplyResult.Ignored, results.Single().Value);
        Assert.Equal(("open", null), await StateAsync(sender));
    }

    [Fact]
    public async Task ApplyAsync_OneSendersEvent_LeavesItsOtherSendersAlone()
    {
        var (tenant, sender) = await SenderAsync();
        var other = await _kit.SenderAsync(tenant);

        await ApplyAsync(StatusWebhooks.Connection(tenant, sender, "close"));

        Assert.Equal(("open", null), await StateAsync(other));
    }

    private async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(params InboxEvent[] events)
    {
        await using var connection = await _kit.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var results = await new ConnectionStateApplier(new StatusMetrics(), NullLogger<ConnectionStateApplier>.Instance)
            .ApplyAsync(connection, transaction, events, Cancel);
        await transaction.CommitAsync(Cancel);
        Assert.Equal(events.Select(e => e.Id).Order(), results.Keys.Order());
        return results;
    }

    private async Task<(Guid Tenant, TestSender Sender)> SenderAsync()
    {
        var tenant = await _kit.TenantAsync();
        return (tenant, await _kit.SenderAsync(tenant));
    }

    private async Task<(string State, string? PausedReason)> StateAsync(TestSender sender)
    {
        await using var command = _kit.DataSource.CreateCommand("select state, paused_reason from campaigns.senders where id = $1");
        command.Parameters.Add(new() { Value = sender.Id });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }
}
