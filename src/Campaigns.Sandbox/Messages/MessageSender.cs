using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Sandbox.Audit;
using Campaigns.Sandbox.Control;
using Campaigns.Sandbox.Gateway;
using Campaigns.Sandbox.Instances;
using Campaigns.Sandbox.Network;
using Campaigns.Sandbox.Webhooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox.Messages;

/// <summary>
/// A send, in the order of Evolution's <c>sendMessageWithTyping</c> (and, for media, <c>prepareMediaMessage</c> before
/// it): media is downloaded (a dead link → 500 AxiosError); Baileys must have started (else a 500 TypeError) and the
/// connection must be <c>open</c> when the send arrives (else 500 "Connection Closed", as the real number check
/// throws); the number is checked (not on WhatsApp → 400); the request blocks for its (scaled, capped) <c>delay</c> and
/// the configured answer latency; the connection must still be <c>open</c> (else 400 "Error: Connection Closed"); then
/// the message goes out: it is stored, recorded by the witness, and its timeline of webhooks starts. Every attempt is
/// recorded, with its arrival and its departure or refusal. Nothing here holds a lock while it waits.
/// Scripted trouble: under a reach-out timelock (<see cref="SandboxTimelock"/>) a send to a number the instance never
/// sent to is refused 400 <c>["Error: server returned error 463"]</c> (modelled on whatsmeow's and WAHA's words), or in
/// silent mode answered 201 PENDING and followed by a <c>messages.update</c> ERROR with stub 463; a restricted account
/// (<see cref="SandboxInstance.AnswersError"/>) answers every send 201 with status ERROR and an ERROR update.
/// </summary>
internal sealed class MessageSender(
    PhoneNetwork network,
    MessageStore store,
    SendLedger ledger,
    WebhookQueue webhooks,
    SandboxSwitches switches,
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
        var received = (At: clock.GetCurrentInstant(), instance.State);
        var jid = Jid.FromNumber(message.Number);
        var isMedia = message.Kind != OutgoingMessage.Text;
        if (isMedia && MediaInput.DownloadFailure(message.Media) is { } failure)
        {
            return Refuse(SendOutcome.MediaFailed, "media download failed", EvolutionErrors.InternalArray(failure));
        }

        if (!instance.Started)
        {
            // The socket is undefined: the number check (text) or the media upload (media) reads a property of it.
            return Refuse(SendOutcome.NotStarted, "never started", isMedia
                ? EvolutionErrors.InternalArray("TypeError: Cannot read properties of undefined (reading 'waUploadToServer')")
                : EvolutionErrors.Internal("Cannot read properties of undefined (reading 'onWhatsApp')"));
        }

        if (received.State != ConnectionState.Open)
        {
            // The number check (text) or the media upload (media) throws Baileys' Boom outside any catch.
            return Refuse(SendOutcome.ConnectionClosed, "connection " + received.State, isMedia
                ? EvolutionErrors.InternalArray("Error: Connection Closed")
                : EvolutionErrors.Internal("Connection Closed"));
        }

        if (!Jid.IsGroup(jid) && !network.IsOnWhatsApp(jid))
        {
            return Refuse(SendOutcome.NotOnWhatsApp, "not on WhatsApp", EvolutionErrors.BadRequest(new JsonObject
            {
                ["jid"] = jid,
                ["exists"] = false,
                ["number"] = message.Number,
            }));
        }

        var timelock = instance.TimelockAt(received.At) is { } locked && !ledger.HasContacted(instance.Name, jid) ? locked : null;
        if (timelock is { Silent: false })
        {
            return Refuse(
                SendOutcome.Timelocked, "reach-out timelock", EvolutionErrors.BadRequest("Error: server returned error 463"), timelockUntil: timelock.Until);
        }

        var wait = Math.Min(message.DelayMs * options.Value.TypingDelayScale, options.Value.MaxTypingDelayMs) + Latency();
        if (wait >= 1)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(wait), time, cancellationToken);
        }

        var now = clock.GetCurrentInstant();
        var state = instance.State;
        if (state != ConnectionState.Open)
        {
            // Past the number check, the send's own catch answers 400 with the error's text.
            return Refuse(SendOutcome.ConnectionClosed, "connection " + state, EvolutionErrors.BadRequest("Error: Connection Closed"), (now, state));
        }

        var keyId = MessageIds.NewOutgoingKeyId();
        var (messageType, content) = message.Content(keyId);
        var errored = timelock is null && instance.AnswersError;
        var sent = new WaMessage(
            new MessageKey(jid, true, keyId), "Você", errored ? "ERROR" : "PENDING", content, null, messageType, now.ToUnixTimeSeconds(),
            instance.InstanceId.ToString(), "web");
        var stored = store.Add(instance.Name, sent);
        var outcome = timelock is not null ? SendOutcome.Timelocked : errored ? SendOutcome.Errored : SendOutcome.Sent;
        ledger.Add(instance, jid, message, received, (now, state), keyId, outcome, timelock?.Until);
        SandboxLog.MessageSent(logger, instance.Name, keyId);
        webhooks.Schedule(instance, Timeline(instance, stored, jid, failed: outcome != SendOutcome.Sent, stub: timelock is null ? null : "463"));
        return new SendResult(outcome, jid, sent);

        SendResult Refuse(
            SendOutcome outcome, string reason, JsonHttpResult<EvolutionError> answer, (Instant, string)? refusedAt = null, Instant? timelockUntil = null)
        {
            ledger.Add(instance, jid, message, received, refusedAt ?? received, null, outcome, timelockUntil);
            SandboxLog.SendRefused(logger, instance.Name, reason);
            return new SendResult(outcome, jid, null, answer);
        }
    }

    /// <summary>This send's answer latency, uniform in the switches' [min, max] (milliseconds).</summary>
    private double Latency()
    {
        var values = switches.Values;
        return values.SendLatencyMaxMs <= 0
            ? 0
            : values.SendLatencyMinMs + (Random.Shared.NextDouble() * (values.SendLatencyMaxMs - values.SendLatencyMinMs));
    }

    /// <summary>
    /// <c>send.message</c> at once, then <c>messages.update</c> SERVER_ACK → DELIVERY_ACK → READ (or a lone ERROR for a
    /// failing recipient or a <paramref name="failed"/> send, with <c>messageStubParameters</c> [<paramref name="stub"/>]
    /// when given), then for a replying recipient a <c>messages.upsert</c> (from its <c>@lid</c> when it has one; quoting
    /// our message in a share), each after its configured delay. Updates keep our send's <c>remoteJid</c>.
    /// </summary>
    private List<WebhookStep> Timeline(SandboxInstance instance, StoredMessage stored, string jid, bool failed = false, string? stub = null)
    {
        var o = options.Value;
        var steps = new List<WebhookStep> { new(TimeSpan.Zero, WebhookEvents.SendMessage, () => Node(stored.Message)) };
        if (failed || network.Fails(jid))
        {
            steps.Add(Update(o.ServerAckDelayMs, "ERROR", stub));
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
                        MessageKey.Incoming(jid, network.Lid(jid), MessageIds.NewIncomingKeyId()),
                        PhoneNetwork.PushName(jid),
                        "DELIVERY_ACK",
                        new JsonObject { ["conversation"] = network.ReplyText(jid) },
                        network.Quotes(jid) ? Quote(instance, stored) : null,
                        "conversation",
                        clock.GetCurrentInstant().ToUnixTimeSeconds(),
                        instance.InstanceId.ToString(),
                        "android");
                    store.Add(instance.Name, reply);
                }));
        }

        return steps;

        WebhookStep Update(int afterMs, string status, string? stubParameter = null) => new(
            TimeSpan.FromMilliseconds(afterMs),
            WebhookEvents.MessagesUpdate,
            () =>
            {
                var update = new JsonObject
                {
                    ["messageId"] = stored.Id,
                    ["keyId"] = stored.Message.Key.Id,
                    ["remoteJid"] = jid,
                    ["fromMe"] = true,
                    ["status"] = status,
                    ["instanceId"] = instance.InstanceId.ToString(),
                };
                if (stubParameter is not null)
                {
                    update["messageStubParameters"] = new JsonArray(JsonValue.Create(stubParameter));
                }

                return update;
            },
            () => stored.AddUpdate(status));
    }

    /// <summary>
    /// The <c>contextInfo</c> of a reply that quotes <paramref name="stored"/>: the phone sends an
    /// <c>extendedTextMessage</c>, whose <c>contextInfo</c> Evolution's <c>prepareMessage</c> lifts to the top (and turns
    /// the message into a <c>conversation</c>).
    /// </summary>
    private static JsonObject Quote(SandboxInstance instance, StoredMessage stored) => new()
    {
        ["stanzaId"] = stored.Message.Key.Id,
        ["participant"] = instance.OwnerJid,
        ["quotedMessage"] = stored.Message.Message.DeepClone(),
    };

    private static JsonNode Node(WaMessage message) => JsonSerializer.SerializeToNode(message, Json)!;
}
