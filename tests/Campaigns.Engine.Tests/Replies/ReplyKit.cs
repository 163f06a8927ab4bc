using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Replies;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Engine.Tests.Gateway;
using Campaigns.Engine.Webhooks;
using Campaigns.Tests.Shared;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Tests.Replies;

/// <summary>
/// What a reply test needs: <see cref="DispatchKit"/>'s tenants, senders and running campaigns, messages marked sent
/// with a WhatsApp id, <c>messages.upsert</c> events built from the wire example, and the applier applying them in a
/// transaction of its own as the processor does.
/// </summary>
internal sealed class ReplyKit(TestDatabase database)
{
    private static long _events;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public DispatchKit Dispatch { get; } = new(database);

    public static Instant Now { get; } = Instant.FromUtc(2026, 3, 2, 10, 0);

    public ReplyApplier Applier(OptOutOptions? options = null) =>
        new(new OptOutSettingsService(new OptOutSettingsStore(database.DataSource), DispatchKit.Wrap(options ?? new OptOutOptions())),
            Direct.DirectKit.Service(database),
            NullLogger<ReplyApplier>.Instance);

    /// <summary>Marks a queued message sent, with its WhatsApp id, <paramref name="minutesAgo"/> before <see cref="Now"/>.</summary>
    public Task SentAsync(Guid campaign, string phone, string gatewayId, int minutesAgo = 60) =>
        Dispatch.ExecuteAsync(
            "update campaigns.messages set status = 'sent', gateway_message_id = $3, sent_at = $4 where campaign_id = $1 and phone = $2",
            campaign, phone, gatewayId, Now.Minus(Duration.FromMinutes(minutesAgo)));

    /// <summary>
    /// A <c>messages.upsert</c> from <paramref name="remoteJid"/> to <paramref name="sender"/>, as stored (the wire
    /// example without <c>apikey</c> and <c>destination</c>), its text in <c>conversation</c>.
    /// </summary>
    public static InboxEvent Upsert(
        Guid tenant,
        TestSender sender,
        string keyId,
        string remoteJid,
        string? text,
        string? remoteJidAlt = null,
        string? quotedId = null,
        bool fromMe = false,
        Action<JsonObject>? change = null)
    {
        var envelope = JsonNode.Parse(EvolutionExamples.Read("webhook-messages-upsert.json"))!.AsObject();
        envelope.Remove("apikey");
        envelope.Remove("destination");
        var data = envelope["data"]!.AsObject();
        var key = data["key"]!.AsObject();
        key["id"] = keyId;
        key["remoteJid"] = remoteJid;
        key["fromMe"] = fromMe;
        if (remoteJidAlt is not null)
        {
            key["remoteJidAlt"] = remoteJidAlt;
            key["addressingMode"] = "lid";
        }

        data["message"] = text is null ? new JsonObject() : new JsonObject { ["conversation"] = text };
        if (quotedId is not null)
        {
            data["contextInfo"] = new JsonObject { ["stanzaId"] = quotedId, ["participant"] = sender.Number.TrimStart('+') + "@s.whatsapp.net" };
        }

        change?.Invoke(data);
        var payload = JsonDocument.Parse(envelope.ToJsonString()).RootElement.Clone();
        return new InboxEvent(Interlocked.Increment(ref _events), new SenderId(sender.Id), new TenantId(tenant), WebhookEvents.MessagesUpsert, payload, Now, 0);
    }

    public async Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(ReplyApplier applier, params InboxEvent[] events)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(Cancel);
        await using var transaction = await connection.BeginTransactionAsync(Cancel);
        var results = await applier.ApplyAsync(connection, transaction, events, Cancel);
        await transaction.CommitAsync(Cancel);
        return results;
    }

    public Task<IReadOnlyDictionary<long, ApplyResult>> ApplyAsync(params InboxEvent[] events) => ApplyAsync(Applier(), events);

    /// <summary>One message: its status, skip code and when it was replied to.</summary>
    public async Task<(string Status, string? SkipCode, Instant? RepliedAt)> MessageAsync(Guid campaign, string phone)
    {
        await using var command = database.DataSource.CreateCommand(
            "select status, skip_code, replied_at from campaigns.messages where campaign_id = $1 and phone = $2");
        command.Parameters.Add(new() { Value = campaign });
        command.Parameters.Add(new() { Value = phone });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        Assert.True(await reader.ReadAsync(Cancel));
        return (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetFieldValue<Instant>(2));
    }

    /// <summary>The tenant's stored replies with WhatsApp id <paramref name="keyId"/>: campaign, message phone, phone, body, opt-out.</summary>
    public async Task<IReadOnlyList<(Guid? Campaign, string? MessagePhone, string? Phone, string? Body, string? OptOut)>> RepliesAsync(Guid tenant, string keyId)
    {
        await using var command = database.DataSource.CreateCommand(
            "select campaign_id, message_phone, phone, body, opt_out from campaigns.replies where tenant_id = $1 and gateway_message_id = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = keyId });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var replies = new List<(Guid?, string?, string?, string?, string?)>();
        while (await reader.ReadAsync(Cancel))
        {
            replies.Add((
                reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return replies;
    }

    /// <summary>The tenant's suppression of <paramref name="phone"/>: its reason and detail; null when there is none.</summary>
    public async Task<(string Reason, string? Detail)?> SuppressionAsync(Guid tenant, string phone)
    {
        await using var command = database.DataSource.CreateCommand("select reason, detail from campaigns.suppressions where tenant_id = $1 and phone = $2");
        command.Parameters.Add(new() { Value = tenant });
        command.Parameters.Add(new() { Value = phone });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        return await reader.ReadAsync(Cancel) ? (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)) : null;
    }

    public static string NewKeyId() => "3A" + Guid.NewGuid().ToString("N")[..18].ToUpperInvariant();

    public NpgsqlDataSource DataSource => database.DataSource;
}
