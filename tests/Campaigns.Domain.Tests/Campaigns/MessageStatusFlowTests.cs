using Campaigns.Domain.Campaigns;

namespace Campaigns.Domain.Tests.Campaigns;

public sealed class MessageStatusFlowTests
{
    // Written from DESIGN.md's message states, not from the code: every move the flow allows, and nothing else.
    private static readonly HashSet<(MessageStatus From, MessageStatus To)> Allowed =
    [
        (MessageStatus.Pending, MessageStatus.Queued),
        (MessageStatus.Pending, MessageStatus.Skipped),
        (MessageStatus.Pending, MessageStatus.Cancelled),
        (MessageStatus.Queued, MessageStatus.Sending),
        (MessageStatus.Queued, MessageStatus.Skipped),
        (MessageStatus.Queued, MessageStatus.Cancelled),
        (MessageStatus.Sending, MessageStatus.Sent),
        (MessageStatus.Sending, MessageStatus.Failed),
        (MessageStatus.Sending, MessageStatus.Unknown),
        (MessageStatus.Sending, MessageStatus.Queued),
        (MessageStatus.Sent, MessageStatus.Delivered),
        (MessageStatus.Sent, MessageStatus.Read),
        (MessageStatus.Sent, MessageStatus.Failed),
        (MessageStatus.Delivered, MessageStatus.Read),
        (MessageStatus.Failed, MessageStatus.Delivered),
        (MessageStatus.Failed, MessageStatus.Read),
        (MessageStatus.Unknown, MessageStatus.Sent),
        (MessageStatus.Unknown, MessageStatus.Queued),
        (MessageStatus.Unknown, MessageStatus.Delivered),
        (MessageStatus.Unknown, MessageStatus.Read),
    ];

    public static TheoryData<MessageStatus, MessageStatus, bool> EveryPair
    {
        get
        {
            var data = new TheoryData<MessageStatus, MessageStatus, bool>();
            foreach (var from in Enum.GetValues<MessageStatus>())
            {
                foreach (var to in Enum.GetValues<MessageStatus>())
                {
                    data.Add(from, to, Allowed.Contains((from, to)));
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void CanMove_EveryPair_AllowsExactlyTheForwardMoves(MessageStatus from, MessageStatus to, bool allowed) =>
        Assert.Equal(allowed, MessageStatusFlow.CanMove(from, to));

    [Theory]
    [InlineData(MessageStatus.Read)]
    [InlineData(MessageStatus.Skipped)]
    [InlineData(MessageStatus.Cancelled)]
    public void CanMove_FromTerminal_AllowsNothing(MessageStatus from) =>
        Assert.DoesNotContain(Enum.GetValues<MessageStatus>(), to => MessageStatusFlow.CanMove(from, to));

    [Fact]
    public void Sources_Sent_AreSendingAndUnknown() =>
        Assert.Equal([MessageStatus.Sending, MessageStatus.Unknown], MessageStatusFlow.Sources(MessageStatus.Sent));
}
