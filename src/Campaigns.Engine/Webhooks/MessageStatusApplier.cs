using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Dispatch;
using Campaigns.Engine.Senders;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// Applies <c>messages.update</c> and <c>send.message</c> (<see cref="StatusReceipt.From"/>, written by
/// <see cref="MessageStatusWriter"/>): a receipt whose message moved or already had its status is
/// <see cref="ApplyResult.Applied"/>; one its message is past, a receipt of an incoming message (<c>fromMe: false</c>)
/// or a status that means nothing (<c>DELETED</c>, unknown) is <see cref="ApplyResult.Ignored"/>; one whose message has
/// not recorded that id yet (the send's completion comes after its first webhooks) is <see cref="ApplyResult.Retry"/>,
/// as is one that lost a race. A message that failed now with stub 463 restricts its sender (the silent reach-out
/// timelock, <see cref="SenderRestrictions"/>) in the same transaction.
/// </summary>
internal sealed class MessageStatusApplier(SenderRestrictions restrictions, StatusMetrics metrics, DispatchMetrics dispatchMetrics, ILogger<MessageStatusApplier> logger)
    : IWebhookApplier
{
    public IReadOnlyCollection<string> Events { get; } = [WebhookEvents.MessagesUpdate, WebhookEvents.SendMessage];

    public async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<InboxEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var results = new Dictionary<long, ApplyResult>();
        var receipts = new List<StatusReceipt>();
        foreach (var webhook in events)
        {
            if (StatusReceipt.From(webhook) is { } receipt)
            {
                receipts.Add(receipt);
            }
            else
            {
                results[webhook.Id] = ApplyResult.Ignored;
            }
        }

        var write = await MessageStatusWriter.WriteAsync(connection, transaction, receipts, cancellationToken);
        if (write.Timelocked.Count > 0)
        {
            dispatchMetrics.Restricted(await restrictions.RecordTimelocksAsync(connection, transaction, write.Timelocked, cancellationToken));
            foreach (var sender in write.Timelocked)
            {
                logger.SilentTimelock(sender.Value);
            }
        }

        int moved = 0, unchanged = 0, waiting = 0;
        foreach (var receipt in receipts)
        {
            var outcome = write.Outcomes[receipt.Id];
            metrics.Receipt(StatusText.Name(receipt.Status), outcome);
            (moved, unchanged, waiting) = outcome switch
            {
                ReceiptOutcome.Moved => (moved + 1, unchanged, waiting),
                ReceiptOutcome.AlreadyThere or ReceiptOutcome.NoStepForward => (moved, unchanged + 1, waiting),
                _ => (moved, unchanged, waiting + 1),
            };
            results[receipt.Id] = outcome switch
            {
                ReceiptOutcome.Moved or ReceiptOutcome.AlreadyThere => ApplyResult.Applied,
                ReceiptOutcome.NoStepForward => ApplyResult.Ignored,
                _ => ApplyResult.Retry,
            };
        }

        logger.ReceiptsApplied(moved, unchanged, waiting, events.Count - receipts.Count);
        return results;
    }
}
