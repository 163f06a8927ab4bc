using System.Text.Json;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Media;
using Campaigns.Engine.Precheck;
using NodaTime;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Campaigns.Engine.Direct;

/// <summary>
/// Direct sends (<c>POST /api/messages</c>) and the tenant's opt-out / re-subscribe confirmations: one message each, a
/// hidden campaign (<see cref="DirectSendStore"/>) that goes through the same pre-check, claim, pacing, daily cap and
/// results as every campaign message, so it shares its sender's one budget. A caller's send is refused when the number
/// is suppressed, when its text already went to <see cref="DirectSendOptions.MaxIdentical"/> other numbers in 24 hours
/// (the variation rule over the tenant's direct sends), or when its sender already has
/// <see cref="DirectSendOptions.MaxQueuedPerSender"/> direct sends queued. Without a sender named, the number's sticky
/// sender (the one it last talked with) is chosen when it can take it, else the least-loaded usable sender (fewest queued
/// messages, then fewest sent today, then id; one under a reach-out timelock last). A confirmation answers a reply: from
/// the sender that received it, to the chat it came from, whatever the suppression list says (the number just opted
/// out) and exempt from the variation rule, once per reply (its idempotency key is the reply's WhatsApp id).
/// </summary>
internal sealed class DirectSendService(
    NpgsqlDataSource dataSource,
    DirectSendStore store,
    IBackgroundJobClient jobs,
    IOptions<DirectSendOptions> options,
    IOptions<MediaOptions> mediaOptions,
    IOptions<PrecheckOptions> precheckOptions,
    ILogger<DirectSendService> logger)
{
    /// <summary>The longest <c>Idempotency-Key</c> (the column's check).</summary>
    public const int MaxIdempotencyKeyLength = 200;

    private readonly DirectSendOptions _options = options.Value;
    private readonly Duration _cacheFor = Duration.FromTimeSpan(precheckOptions.Value.CacheFor);

    public async Task<Result<DirectSendAccepted>> SendAsync(TenantId tenant, DirectSendRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.IdempotencyKey is { } key && (key.Length is 0 or > MaxIdempotencyKeyLength || string.IsNullOrWhiteSpace(key)))
        {
            return DirectSendErrors.IdempotencyKeyInvalid();
        }

        if (!PhoneNormalizer.IsSupportedRegion(request.Region))
        {
            return DirectSendErrors.InvalidRegion(request.Region);
        }

        var phone = PhoneNormalizer.Normalize(request.Number, request.Region.ToUpperInvariant());
        if (!phone.IsSuccess)
        {
            return DirectSendErrors.InvalidNumber(phone.Error.Message.TrimEnd('.'));
        }

        var content = Content(request.Text, request.Media);
        if (!content.IsSuccess)
        {
            return content.Error;
        }

        var (body, media) = content.Value;
        var hash = MessageBody.Hash(body);
        var number = phone.Value.Value;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await DirectSendStore.LockTenantAsync(connection, transaction, tenant, cancellationToken);
        if (request.IdempotencyKey is not null
            && await DirectSendStore.FindByKeyAsync(connection, transaction, tenant, request.IdempotencyKey, cancellationToken) is var (earlierId, earlier))
        {
            if (earlier is null || earlier.Phone != number || earlier.Body != body || (earlier.MediaJson is null) != (media is null)
                || (media is not null && !SameMedia(earlier.MediaJson!, media))
                || (request.Sender is { } asked && earlier.Sender != asked.Value))
            {
                return DirectSendErrors.IdempotencyConflict();
            }

            var found = await store.FindAsync(connection, transaction, tenant, earlierId, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            DirectSendLog.Replayed(logger, earlierId);
            return new DirectSendAccepted(found!, Replayed: true);
        }

        if (await DirectSendStore.IsSuppressedAsync(connection, transaction, tenant, number, cancellationToken))
        {
            return DirectSendErrors.Suppressed();
        }

        var sender = Choose(await DirectSendStore.SendersAsync(connection, transaction, tenant, number, cancellationToken), request.Sender?.Value);
        if (!sender.IsSuccess)
        {
            return sender.Error;
        }

        if (await DirectSendStore.IdenticalAsync(connection, transaction, tenant, hash, number, cancellationToken) >= _options.MaxIdentical)
        {
            return DirectSendErrors.Identical(_options.MaxIdentical);
        }

        if (await DirectSendStore.QueuedAsync(connection, transaction, tenant, sender.Value, cancellationToken) >= _options.MaxQueuedPerSender)
        {
            return DirectSendErrors.QueueFull(sender.Value, _options.MaxQueuedPerSender);
        }

        var id = Guid.CreateVersion7();
        if (!await DirectSendStore.InsertAsync(
                connection,
                transaction,
                new DirectInsert(id, tenant, DirectOrigin.Api, request.IdempotencyKey, number, null, sender.Value, body, hash, media, _options.MaxIdentical),
                _cacheFor,
                cancellationToken))
        {
            return DirectSendErrors.IdempotencyConflict(); // a confirmation took the key meanwhile (they do not take the lock)
        }

        var message = await store.FindAsync(connection, transaction, tenant, id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var shown = PhoneNumber.Mask(number);
        DirectSendLog.Queued(logger, id, DirectOrigin.Api, shown, sender.Value);

        // The pre-check settles the number from the tenant's cache, or looks it up (and fills the cache).
        jobs.Enqueue<PrecheckJob>(job => job.RunAsync(id, CancellationToken.None));
        return new DirectSendAccepted(message!, Replayed: false);
    }

    /// <summary>
    /// Queues the tenant's confirmation <paramref name="text"/> to a reply, in the caller's transaction (the reply's own):
    /// origin <see cref="DirectOrigin.OptOut"/> or <see cref="DirectOrigin.Resubscribe"/>, from <paramref name="sender"/>
    /// (which received the reply) to <paramref name="jid"/> (the chat it came from). Once per <paramref name="replyId"/>:
    /// false when that reply's confirmation exists already.
    /// </summary>
    public async Task<bool> ConfirmAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction transaction,
        TenantId tenant,
        Guid sender,
        string phone,
        string jid,
        string origin,
        string replyId,
        string text,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var body = MessageBody.Clean(text);
        var key = origin + ":" + replyId;
        if (key.Length > MaxIdempotencyKeyLength)
        {
            key = origin + ":sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(replyId)));
        }

        // No tenant lock: a confirmation is bound by none of the rules it guards, and the key's unique index makes it
        // once per reply (a webhook batch holding several tenants' locks could deadlock with another batch).
        var id = Guid.CreateVersion7();
        var inserted = await DirectSendStore.InsertAsync(
            connection,
            transaction,
            new DirectInsert(id, tenant, origin, key, phone, jid, sender, body, MessageBody.Hash(body), null, _options.MaxIdentical),
            _cacheFor,
            cancellationToken);
        if (inserted)
        {
            var shown = PhoneNumber.Mask(phone);
            DirectSendLog.Queued(logger, id, origin, shown, sender);
        }

        return inserted;
    }

    /// <summary>The message's body (the text, or the media's caption) and its media, checked.</summary>
    private Result<(string Body, MediaDraft? Media)> Content(string? text, MediaDraft? media)
    {
        var body = MessageBody.Clean(text ?? "");
        if (media is null)
        {
            if (body.Length == 0)
            {
                return DirectSendErrors.NoContent();
            }

            return body.Length > WhatsAppLimits.TextLength ? DirectSendErrors.TextTooLong(body.Length, WhatsAppLimits.TextLength) : (body, null);
        }

        // The text is the caption, sent as written (a direct send is not a template).
        var draft = media with { Caption = body.Length == 0 ? null : body };
        if (MediaAttachment.Check(draft, mediaOptions.Value.MaxBase64Bytes) is [var problem, ..])
        {
            return DirectSendErrors.Media(problem);
        }

        if (body.Length > WhatsAppLimits.CaptionLength)
        {
            return DirectSendErrors.TextTooLong(body.Length, WhatsAppLimits.CaptionLength);
        }

        return (body, draft with { Caption = null });
    }

    /// <summary>The sender asked for, or the sticky one, or the least-loaded; else why none.</summary>
    private static Result<Guid> Choose(IReadOnlyList<DirectSender> senders, Guid? asked)
    {
        if (asked is { } id)
        {
            if (senders.FirstOrDefault(s => s.Id == id) is not { } named)
            {
                return DirectSendErrors.SenderNotFound();
            }

            return named.Refusal is { } refusal ? DirectSendErrors.SenderUnusable(id, refusal) : id;
        }

        if (senders.FirstOrDefault(s => s.Sticky && s.TakesRecipient) is { } sticky)
        {
            return sticky.Id;
        }

        var usable = senders.Where(s => s.Refusal is null)
            .OrderBy(s => !s.TakesRecipient).ThenBy(s => s.Queued).ThenBy(s => s.SentToday).ThenBy(s => s.Id)
            .FirstOrDefault();
        return usable is not null ? usable.Id : DirectSendErrors.NoUsableSenders(senders.Select(s => (s.Id, s.Refusal!)).ToArray());
    }

    private static bool SameMedia(string storedJson, MediaDraft media) =>
        JsonSerializer.Deserialize<MediaDraft>(storedJson, CampaignStore.Json) == media;
}
