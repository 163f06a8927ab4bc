using Campaigns.Engine.Dispatch;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;

namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>The health guard as the completion runs it, against PostgreSQL.</summary>
public sealed class SenderHealthGuardTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly Instant Now = SystemClock.Instance.GetCurrentInstant();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly DispatchKit _kit = new(database);

    [Fact]
    public async Task CompleteAsync_BurstOfNotOnWhatsApp_PausesTheSenderWithTheReason()
    {
        var (tenant, sender) = await SenderAsync();
        var healthy = Enumerable.Range(0, 10).Select(_ => Completion(tenant, sender, new SendOutcome(MessageFate.Sent, "K")));
        var refused = Enumerable.Range(0, 5).Select(_ => Completion(tenant, sender, NotOnWhatsApp));

        await Completer().CompleteAsync([.. healthy], Cancel);
        await Completer().CompleteAsync([.. refused], Cancel);

        Assert.Equal("health:not_on_whatsapp", await PausedReasonAsync(sender));
        Assert.Equal("", await _kit.ScalarAsync<string>("select outcomes from campaigns.sender_health where sender_id = $1", sender.Id));
    }

    [Fact]
    public async Task CompleteAsync_FewFailuresAmongManySends_LeavesTheSenderAlone()
    {
        var (tenant, sender) = await SenderAsync();
        var batch = Enumerable.Range(0, 16).Select(_ => Completion(tenant, sender, new SendOutcome(MessageFate.Sent, "K")))
            .Concat(Enumerable.Range(0, 4).Select(_ => Completion(tenant, sender, NotOnWhatsApp)));

        await Completer().CompleteAsync([.. batch], Cancel);

        Assert.Null(await PausedReasonAsync(sender));
        Assert.Equal("ssssssssssssssssnnnn", await _kit.ScalarAsync<string>("select outcomes from campaigns.sender_health where sender_id = $1", sender.Id));
    }

    [Fact]
    public async Task CompleteAsync_ManyRecipientsRefusedOverBatches_PausesForTheFailureShare()
    {
        var (tenant, sender) = await SenderAsync();
        var refused = new SendOutcome(MessageFate.Failed, ErrorCode: "gateway.rejected");
        for (var i = 0; i < 6; i++)
        {
            await Completer().CompleteAsync(
                [Completion(tenant, sender, refused), Completion(tenant, sender, refused), Completion(tenant, sender, new SendOutcome(MessageFate.Sent, "K"))],
                Cancel);
        }

        Assert.Equal("health:failure_share", await PausedReasonAsync(sender));
    }

    [Fact]
    public async Task CompleteAsync_ConnectionFoundNotOpenThreeTimes_ReplacesTheNotOpenPauseWithFlapping()
    {
        var (tenant, sender) = await SenderAsync();
        var notOpen = new SendOutcome(MessageFate.Requeue, ErrorCode: "gateway.instancedisconnected", Sender: SenderEffect.Pause, PauseReason: "close", NotOpen: true);

        await Completer().CompleteAsync([Completion(tenant, sender, notOpen)], Cancel);
        var first = await PausedReasonAsync(sender);
        await _kit.ExecuteAsync("update campaigns.senders set paused_reason = null where id = $1", sender.Id); // resumed
        await Completer().CompleteAsync([Completion(tenant, sender, notOpen)], Cancel);
        await Completer().CompleteAsync([Completion(tenant, sender, notOpen)], Cancel);

        Assert.Equal("close", first);
        Assert.Equal("health:flapping", await PausedReasonAsync(sender));
    }

    [Fact]
    public async Task CompleteAsync_SenderPausedByItsUser_KeepsItsReason()
    {
        var (tenant, sender) = await SenderAsync();
        await _kit.ExecuteAsync("update campaigns.senders set paused_reason = 'paused by its user', paused_at = now() where id = $1", sender.Id);

        await Completer().CompleteAsync([.. Enumerable.Range(0, 5).Select(_ => Completion(tenant, sender, NotOnWhatsApp))], Cancel);

        Assert.Equal("paused by its user", await PausedReasonAsync(sender));
    }

    private static SendOutcome NotOnWhatsApp => new(MessageFate.Failed, ErrorCode: "gateway.not_on_whatsapp");

    private async Task<(Guid Tenant, TestSender Sender)> SenderAsync()
    {
        var tenant = await _kit.TenantAsync();
        return (tenant, await _kit.SenderAsync(tenant));
    }

    private Task<string?> PausedReasonAsync(TestSender sender) =>
        _kit.ScalarAsync<string?>("select paused_reason from campaigns.senders where id = $1", sender.Id);

    private DispatchCompleter Completer() =>
        new(_kit.DataSource, DispatchKit.Wrap(DispatchKit.Options()), _kit.Metrics, NullLogger<DispatchCompleter>.Instance);

    /// <summary>A finished send of no stored message (its writes find nothing to change): only its sender's effects count.</summary>
    private SendCompletion Completion(Guid tenant, TestSender sender, SendOutcome outcome) =>
        new(TestSends.Claimed(_kit.Protector, sender.Id, tenant, new Uri("http://127.0.0.1:9/"), sender.Instance, sender.Number, DispatchKit.NewNumber("+25487")),
            outcome,
            Now,
            Now);
}
