using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox.Messages;

/// <summary>
/// A send, in the order of Evolution's <c>sendMessageWithTyping</c>: the number is checked (not on WhatsApp → refused),
/// the request blocks for its (scaled, capped) <c>delay</c>, the connection must be <c>open</c>, then the message goes
/// out: it is stored, recorded by the witness, and its timeline of webhooks starts.
/// </summary>
internal sealed class MessageSender(
    PhoneNetwork network,
    MessageStore store,
    SendLedger ledger,
    WebhookQueue webhooks,
    IClock clock,
    TimeProvider time,
    IOptions<NetworkOptions> options,
    ILogger<MessageSender> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SendResult> SendAsync(SandboxInstance instance, OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(message);
        var jid = Jid.FromNumber(message.Number);
        if (!Jid.IsGroup(jid) && !network.IsOnWhatsApp(jid))
        {
            ledger.Add(instance.Name, jid, message, clock.GetCurrentInstant(), null, SendOutcome.NotOnWhatsApp, instance.State);
            SandboxLog.SendRefused(logger, instance.Name, "not on WhatsApp");
            return new SendResult(SendOutcome.NotOnWhatsApp, jid, null);
        }

        var typing = Math.Min(message.DelayMs * options.Value.TypingDelayScale, options.Value.MaxTypingDelayMs);
        if (typing >= 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(typing), time, cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        var state = instance.State;
        if (state != ConnectionState.Open)
        {
            ledger.Add(instance.Name, jid, message, now, null, SendOutcome.ConnectionClosed, state);
            SandboxLog.SendRefused(logger, instance.Name, "connection " + state);
            return new SendResult(SendOutcome.ConnectionClosed, jid, null);
        }

        var keyId = MessageIds.NewOutgoingKeyId();
        var (messageType, content) = message.Content(keyId);
        var sent = new WaMessage(
            new MessageKey(jid, true, keyId), "Você", "PENDING", content, null, messageType, now.ToUnixTimeSeconds(),
            instance.InstanceId.ToString(), "web");
        var stored = store.Add(instance.Name, sent);
        ledger.Add(instance.Name, jid, message, now, keyId, SendOutcome.Sent, state);
        SandboxLog.MessageSent(logger, instance.Name, keyId);
        webhooks.Schedule(instance, Timeline(instance, stored, jid));
        return new SendResult(SendOutcome.Sent, jid, sent);
    }

    /// <summary>
    /// <c>send.message</c> at once, then <c>messages.update</c> SERVER_ACK → DELIVERY_ACK → READ (or a lone ERROR for a
    /// failing recipient), then for a replying recipient a <c>messages.upsert</c>, each after its configured delay.
    /// </summary>
    private List<WebhookStep> Timeline(SandboxInstance instance, StoredMessage stored, string jid)
    {
        var o = options.Value;
        var steps = new List<WebhookStep> { new(TimeSpan.Zero, WebhookEvents.SendMessage, () => Node(stored.Message)) };
        if (network.Fails(jid))
        {
            steps.Add(Update(o.ServerAckDelayMs, "ERROR"));
            return steps;
        }

        steps.Add(Update(o.ServerAckDelayMs, "SERVER_ACK"));
        steps.Add(Update(o.DeliveryAckDelayMs, "DELIVERY_ACK"));
        steps.Add(Update(o.ReadDelayMs, "READ"));
        if (network.Replies(jid))
        {
            WaMessage? reply = null;
            steps.Add(new WebhookStep(
                TimeSpan.FromMilliseconds(o.ReplyDelayMs),
                WebhookEvents.MessagesUpsert,
                () => Node(reply!),
                () =>
                {
                    reply = new WaMessage(
                        new MessageKey(jid, false, MessageIds.NewIncomingKeyId()),
                        PhoneNetwork.PushName(jid),
                        "DELIVERY_ACK",
                        new JsonObject { ["conversation"] = network.ReplyText(jid) },
                        null,
                        "conversation",
                        clock.GetCurrentInstant().ToUnixTimeSeconds(),
                        instance.InstanceId.ToString(),
                        "android");
                    store.Add(instance.Name, reply);
                }));
        }

        return steps;

        WebhookStep Update(int afterMs, string status) => new(
            TimeSpan.FromMilliseconds(afterMs),
            WebhookEvents.MessagesUpdate,
            () => new JsonObject
            {
                ["messageId"] = stored.Id,
                ["keyId"] = stored.Message.Key.Id,
                ["remoteJid"] = jid,
                ["fromMe"] = true,
                ["status"] = status,
                ["instanceId"] = instance.InstanceId.ToString(),
            },
            () => stored.AddUpdate(status));
    }

    private static JsonNode Node(WaMessage message) => JsonSerializer.SerializeToNode(message, Json)!;
}
