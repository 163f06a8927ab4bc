using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Database;
using Campaigns.Engine.Media;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.BulkSends;

/// <summary>
/// A bulk send (<c>POST /api/messages/bulk</c>) is a campaign without a CSV: its recipients become a contact list
/// through the import's own path (<see cref="ContactImporter.ImportRowsAsync"/>: normalised, duplicates and suppressed
/// numbers counted and reported), then an ordinary campaign (origin <c>bulk</c>) is checked by the campaigns' validator,
/// planned once as preparing will plan it (<see cref="ListPlan"/>, seeded by the campaign's id) so that whatever
/// preparing would refuse — the variation rule above all — is refused now, and moved to preparing. List and campaign
/// are written in one transaction: a refused request stores nothing. The prepare job then stores the messages and
/// <see cref="BulkStarter"/> starts the campaign once it is ready (running, or scheduled at its start).
/// </summary>
internal sealed class BulkSendService(
    NpgsqlDataSource dataSource,
    ContactImporter importer,
    ContactListStore lists,
    CampaignStore campaigns,
    CampaignValidator validator,
    PrepareJobs prepareJobs,
    MediaPreflight preflight,
    IOptions<BulkSendOptions> options,
    IClock clock,
    ILogger<BulkSendService> logger)
{
    /// <summary>The most recipients not used that an answer lists: 100 (the list's import report has them all).</summary>
    public const int ErrorsShown = 100;

    /// <summary>The stored origin of a bulk send's campaign.</summary>
    public const string Origin = "bulk";

    /// <summary>The list's phone column, and the template variable of the number.</summary>
    public const string PhoneColumn = "phone";

    /// <summary>The most distinct field names the recipients of one bulk send may use: 50.</summary>
    public const int MaxFields = 50;

    private const string UniqueViolation = "23505";
    private const string IdempotencyIndex = "campaigns_idempotency";

    public async Task<Result<BulkSendOutcome>> SendAsync(TenantId tenant, BulkSend send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(send);
        var requestHash = RequestHash(send);
        if (send.IdempotencyKey is { } key)
        {
            if (key.Length is 0 or > 200)
            {
                return BulkSendErrors.InvalidIdempotencyKey();
            }

            if (await ReplayAsync(tenant, key, requestHash, cancellationToken) is { } replay)
            {
                return replay;
            }
        }

        var recipients = send.Recipients ?? [];
        if (recipients.Count > options.Value.MaxRecipients)
        {
            return BulkSendErrors.TooManyRecipients(recipients.Count, options.Value.MaxRecipients);
        }

        var errors = new List<Error>();
        if (recipients.Count == 0)
        {
            errors.Add(BulkSendErrors.RecipientsRequired());
        }

        var columns = FieldColumns(recipients, errors);
        var (template, media) = Message(send, errors);
        if (send.Delay is { } delay and (< 1 or > 3600))
        {
            errors.Add(BulkSendErrors.DelayOutOfRange(delay));
        }

        if (!PhoneNormalizer.IsSupportedRegion(send.DefaultRegion))
        {
            errors.Add(ImportErrors.UnknownRegion(send.DefaultRegion));
        }

        if (errors.Count > 0)
        {
            return CampaignErrors.Invalid(errors);
        }

        var id = CampaignId.New();
        var now = clock.Now();
        var name = string.IsNullOrWhiteSpace(send.Name) ? $"Bulk send {now:uuuu'-'MM'-'dd HH':'mm':'ss} UTC" : send.Name;
        // No senders named: every sender of the tenant (assignment uses those that can send).
        var senderIds = send.SenderIds is { Count: > 0 } named
            ? named
            : (await campaigns.SenderUsabilityAsync(tenant, null, cancellationToken)).Select(s => s.Id).ToArray();

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var list = await importer.ImportRowsAsync(
            connection,
            new ContactImportRequest(tenant, name, null, send.DefaultRegion, null, RowName: "recipient"),
            PhoneColumn,
            columns,
            recipients.Select(r => new ContactRow(r?.Number, r?.Fields)).ToArray(),
            cancellationToken);
        var draft = new CampaignDraft(name, list.Id.Value, template, media, senderIds, send.SendWindow, send.StartAt, null, send.StopOnReply);
        var valid = await validator.ValidateAsync(tenant, draft, list, cancellationToken);
        if (!valid.IsSuccess)
        {
            return InRequestTerms(valid.Error, send); // rolled back on dispose: nothing stored
        }

        if (await RefuseSendersAsync(tenant, id, valid.Value, cancellationToken) is { } noSender)
        {
            return noSender;
        }

        if (valid.Value.Media is { } checkedMedia && await preflight.CheckAsync(checkedMedia, cancellationToken) is { } unsendable)
        {
            return unsendable;
        }

        if (await PlanAsync(connection, tenant, id, list, valid.Value, cancellationToken) is { } refused)
        {
            return InRequestTerms(CampaignErrors.Invalid([CampaignValidator.ToRequestField(refused)]), send);
        }

        var campaign = CampaignService.FromValid(valid.Value, id, tenant, now, now) with
        {
            Origin = Origin,
            Delay = send.Delay is { } seconds ? Duration.FromSeconds(seconds) : null,
        };
        try
        {
            await CampaignStore.InsertAsync(connection, transaction, campaign, send.IdempotencyKey, cancellationToken);
            if (send.IdempotencyKey is not null)
            {
                await CampaignStore.SetRequestHashAsync(connection, transaction, id, requestHash, cancellationToken);
            }
        }
        catch (PostgresException ex) when (ex.SqlState == UniqueViolation && ex.ConstraintName == IdempotencyIndex)
        {
            // Another request with the same key won the race: answer what it made.
            await transaction.RollbackAsync(cancellationToken);
            return await ReplayAsync(tenant, send.IdempotencyKey!, requestHash, cancellationToken) ?? throw new InvalidOperationException("The key's campaign is gone.", ex);
        }

        await CampaignStore.MoveToPreparingAsync(connection, transaction, tenant, id, list.Id, list.Imported, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        BulkSendLog.Accepted(logger, id.Value, list.Imported, list.Invalid, list.Duplicates, list.Suppressed);
        try
        {
            await prepareJobs.EnqueueAsync(id, null, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // the status is written: the prepare sweeper takes it up
        {
            BulkSendLog.PrepareEnqueueFailed(logger, ex, id.Value);
        }

        return await OutcomeAsync(tenant, id, replayed: false, cancellationToken)
            ?? throw new InvalidOperationException($"Bulk send {id} was committed but cannot be read.");
    }

    /// <summary>The SHA-256 of everything the request asks for but its idempotency key: one key, one request.</summary>
    private static byte[] RequestHash(BulkSend send) =>
        SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(send with { IdempotencyKey = null }, CampaignStore.Json));

    /// <summary>A literal text as a template that renders it as written: every spintax brace, bar and backslash escaped (<c>\{</c>), so no <c>{{</c> reaches the template language either.</summary>
    public static string Literal(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '{' or '}' or '|' or '\\')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// What an earlier request under <paramref name="key"/> made; null when nothing was. A conflict when that request was
    /// another one (a direct send, or a bulk send with another body: <paramref name="requestHash"/> differs).
    /// </summary>
    private async Task<Result<BulkSendOutcome>?> ReplayAsync(TenantId tenant, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        if (await campaigns.FindByIdempotencyKeyAsync(tenant, key, cancellationToken) is not { } made)
        {
            return null;
        }

        if (made.Origin != Origin)
        {
            return BulkSendErrors.IdempotencyKeyInUse();
        }

        if (made.RequestHash is { } earlier && !earlier.AsSpan().SequenceEqual(requestHash))
        {
            return BulkSendErrors.IdempotencyConflict();
        }

        // Null when deleted meanwhile (a ready campaign can be): the key is free again.
        return await OutcomeAsync(tenant, made.Id, replayed: true, cancellationToken) is { } outcome ? (Result<BulkSendOutcome>?)outcome : null;
    }

    private async Task<BulkSendOutcome?> OutcomeAsync(TenantId tenant, CampaignId id, bool replayed, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(tenant, id, cancellationToken) is not { } campaign)
        {
            return null;
        }

        var list = campaign.ContactList is { } listId ? await lists.FindAsync(tenant, listId, cancellationToken) : null;
        var errors = new List<ImportRowError>();
        if (list is not null)
        {
            await foreach (var error in lists.ErrorsAsync(list.Id, afterLine: null, limit: ErrorsShown, cancellationToken))
            {
                errors.Add(error);
            }
        }

        return new BulkSendOutcome(campaign, list, errors, replayed);
    }

    /// <summary>The recipients' field names, in the order first met: the list's columns after the phone.</summary>
    private static List<string> FieldColumns(IReadOnlyList<BulkRecipient?> recipients, List<Error> errors)
    {
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var index = 0; index < recipients.Count; index++)
        {
            foreach (var name in recipients[index]?.Fields?.Keys ?? [])
            {
                if (!seen.Add(name))
                {
                    continue;
                }

                if (string.IsNullOrWhiteSpace(name) || name.Length > BulkSendErrors.MaxFieldNameLength)
                {
                    errors.Add(BulkSendErrors.InvalidFieldName(index, name));
                }
                else if (string.Equals(name.Trim(), PhoneColumn, StringComparison.OrdinalIgnoreCase))
                {
                    errors.Add(BulkSendErrors.ReservedFieldName(index, name));
                }
                else if (columns.Count == MaxFields)
                {
                    errors.Add(BulkSendErrors.TooManyFields(index, MaxFields));
                    return columns;
                }
                else
                {
                    columns.Add(name);
                }
            }
        }

        return columns;
    }

    /// <summary>The campaign's template and media: a text message's template, or media whose caption is the text or template.</summary>
    private static (string? Template, Domain.Templates.MediaDraft? Media) Message(BulkSend send, List<Error> errors)
    {
        if (send.Text is not null && send.Template is not null)
        {
            errors.Add(BulkSendErrors.TextAndTemplate());
        }

        var body = send.Text is { } text ? Literal(text) : send.Template;
        if (send.Media is { } media)
        {
            if (body is not null && !string.IsNullOrEmpty(media.Caption))
            {
                errors.Add(BulkSendErrors.CaptionTwice(send.Text is null ? BulkSendErrors.TemplateField : BulkSendErrors.TextField));
            }

            return (null, media with { Caption = body ?? media.Caption });
        }

        if (body is null)
        {
            errors.Add(BulkSendErrors.MessageRequired());
        }

        return (body, null);
    }

    /// <summary>What starting would refuse: no sender at all, or none that can send now (each named with why).</summary>
    private async Task<Error?> RefuseSendersAsync(TenantId tenant, CampaignId id, ValidCampaign valid, CancellationToken cancellationToken)
    {
        if (valid.Senders.Count == 0)
        {
            return CampaignErrors.NoSenders(id);
        }

        var senders = await campaigns.SenderUsabilityAsync(tenant, valid.Senders.Select(s => s.Value).ToArray(), cancellationToken);
        return senders.All(s => s.Refusal is not null)
            ? CampaignErrors.NoUsableSenders(id, senders.Select(s => (s.Id, s.Refusal!)).ToArray())
            : null;
    }

    /// <summary>
    /// Plans the list as preparing will (the same loop, the same seed), inside the transaction that holds it: the template
    /// failing with a recipient, or the variation rule, is refused now rather than sending the campaign back to draft later.
    /// </summary>
    private static async Task<Error?> PlanAsync(
        NpgsqlConnection connection, TenantId tenant, CampaignId id, ContactList list, ValidCampaign valid, CancellationToken cancellationToken)
    {
        var plan = new ListPlan(valid.Template, id.Value, valid.MaxIdentical);
        await foreach (var _ in plan.PlanAsync(connection, tenant, list.Id, limit: null, cancellationToken))
        {
            // the plan keeps the statistics; the messages are stored by the prepare job
        }

        return plan.Failure ?? plan.VariationError;
    }

    /// <summary>A campaign's refusal in the bulk request's own field names (<c>recipients</c>, <c>text</c>, <c>window</c>).</summary>
    private static Error InRequestTerms(Error error, BulkSend send)
    {
        var textField = send.Text is not null ? BulkSendErrors.TextField : send.Template is not null ? BulkSendErrors.TemplateField : null;
        string Rename(string field) => field switch
        {
            CampaignErrors.ContactListField => BulkSendErrors.RecipientsField,
            CampaignErrors.TemplateField => textField ?? field,
            "media.caption" => textField ?? field,
            _ when field.StartsWith("sendWindow", StringComparison.Ordinal) => "window" + field["sendWindow".Length..],
            _ => field,
        };

        var details = new Dictionary<string, object?>(error.Details);
        if (details.TryGetValue("errors", out var byField) && byField is IReadOnlyDictionary<string, string[]> fields)
        {
            details["errors"] = fields.GroupBy(f => Rename(f.Key)).ToDictionary(g => g.Key, g => g.SelectMany(f => f.Value).ToArray());
        }

        if (details.TryGetValue("problems", out var listed) && listed is IEnumerable<IReadOnlyDictionary<string, object?>> problems)
        {
            details["problems"] = problems.Select(p =>
            {
                var renamed = new Dictionary<string, object?>(p);
                if (p.TryGetValue("field", out var field) && field is string name)
                {
                    renamed["field"] = Rename(name);
                }

                return (IReadOnlyDictionary<string, object?>)renamed;
            }).ToArray();
        }

        return error with { Field = error.Field is { } f ? Rename(f) : null, Details = details };
    }
}
