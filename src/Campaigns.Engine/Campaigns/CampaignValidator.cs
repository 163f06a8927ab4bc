using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Templates;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Checks a campaign draft and reports every problem at once, each naming its request field: the name, the list (the
/// tenant's, with contacts), the template and media over the list's columns (the template engine's errors with line
/// and column), the senders (the tenant's), the send window, the start time and <c>maxIdentical</c>, and whether the
/// content-variation rule can hold for the list when that can be known without rendering. The same checks run at
/// create, update, preview and prepare.
/// </summary>
internal sealed class CampaignValidator(
    ContactListStore lists, CampaignStore campaigns, TemplateCompiler compiler, IOptions<TemplateOptions> templateOptions, IClock clock)
{
    // ISO-8601 with an offset (Z or ±hh:mm); a time without one is refused rather than guessed.
    private static readonly OffsetDateTimePattern StartAtPattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>A new campaign: every field as the request wrote it.</summary>
    public Task<Result<ValidCampaign>> ValidateAsync(TenantId tenant, CampaignDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<Error>();
        var window = CheckSendWindow(draft.SendWindow, errors);
        var startAt = CheckStartAt(draft.StartAt, errors);
        return CheckAsync(
            tenant, draft.Name, draft.ContactListId, draft.Template, draft.Media, draft.SenderIds, draft.MaxIdentical, window, startAt, errors,
            draft.StopOnReply ?? false, knownList: null, cancellationToken);
    }

    /// <summary>
    /// A new campaign over <paramref name="list"/>, a list the caller is creating in a transaction not yet committed (a
    /// bulk send's): checked exactly as <see cref="ValidateAsync(TenantId, CampaignDraft, CancellationToken)"/>, the
    /// list taken as given rather than looked up.
    /// </summary>
    public Task<Result<ValidCampaign>> ValidateAsync(TenantId tenant, CampaignDraft draft, ContactList list, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(list);
        var errors = new List<Error>();
        var window = CheckSendWindow(draft.SendWindow, errors);
        var startAt = CheckStartAt(draft.StartAt, errors);
        return CheckAsync(
            tenant, draft.Name, list.Id.Value, draft.Template, draft.Media, draft.SenderIds, draft.MaxIdentical, window, startAt, errors,
            draft.StopOnReply ?? false, list, cancellationToken);
    }

    /// <summary>
    /// A stored campaign with <paramref name="patch"/> applied: the fields given are read as at create, the others keep
    /// their stored values (a stored start already in the past is not refused unless the patch sets it), and the whole
    /// is checked again: the list, senders or options may have changed since it was saved.
    /// </summary>
    public Task<Result<ValidCampaign>> ValidateChangeAsync(
        TenantId tenant, Campaign current, CampaignPatch patch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(patch);
        var errors = new List<Error>();
        var window = patch.SendWindow.HasValue ? CheckSendWindow(patch.SendWindow.Value, errors) : current.SendWindow;
        var startAt = patch.StartAt.HasValue ? CheckStartAt(patch.StartAt.Value, errors) : current.StartAt;
        return CheckAsync(
            tenant,
            patch.Name.Or(current.Name),
            patch.ContactListId.Or(current.ContactList?.Value),
            patch.Template.Or(current.Template),
            patch.Media.Or(current.Media),
            patch.SenderIds.Or(current.Senders.Select(s => s.Value).ToArray()),
            patch.MaxIdentical.Or(current.MaxIdentical),
            window,
            startAt,
            errors,
            patch.StopOnReply.HasValue ? patch.StopOnReply.Value ?? false : current.StopOnReply,
            knownList: null,
            cancellationToken);
    }

    /// <param name="timingErrors">The problems found in the send window and start, which the caller read.</param>
    /// <param name="knownList">The list when the caller has it (not committed yet); null: looked up by <paramref name="listId"/>.</param>
    private async Task<Result<ValidCampaign>> CheckAsync(
        TenantId tenant,
        string? nameText,
        Guid? listId,
        string? templateText,
        MediaDraft? media,
        IReadOnlyList<Guid>? senderIds,
        int? requestedMaxIdentical,
        SendWindow? window,
        Instant? startAt,
        IReadOnlyList<Error> timingErrors,
        bool stopOnReply,
        ContactList? knownList,
        CancellationToken cancellationToken)
    {
        var errors = new List<Error>();
        var name = nameText?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(CampaignErrors.NameRequired());
        }
        else if (name.Length > CampaignErrors.MaxNameLength)
        {
            errors.Add(CampaignErrors.NameTooLong(name.Length));
        }

        var list = knownList is null ? await CheckListAsync(tenant, listId, errors, cancellationToken) : CheckNotEmpty(knownList, errors);
        var maxIdentical = CheckMaxIdentical(requestedMaxIdentical, errors);
        var template = CheckTemplate(list, templateText, media, maxIdentical, errors);
        var senders = await CheckSendersAsync(tenant, senderIds, errors, cancellationToken);
        errors.AddRange(timingErrors);

        if (errors.Count > 0)
        {
            return CampaignErrors.Invalid(errors);
        }

        return new ValidCampaign(
            name,
            list!,
            template!,
            media is null ? templateText : null,
            Normalize(media),
            senders,
            window!,
            startAt,
            maxIdentical!.Value,
            stopOnReply);
    }

    private static SendWindow? CheckSendWindow(SendWindowDraft? draft, List<Error> errors)
    {
        var problems = SendWindow.Check(draft ?? new SendWindowDraft());
        errors.AddRange(problems);
        return problems.Count == 0 ? SendWindow.Parse(draft ?? new SendWindowDraft()).Value : null;
    }

    /// <summary>Reads a start the request gives: ISO-8601 with an offset, not in the past; null or blank: when started.</summary>
    private Instant? CheckStartAt(string? text, List<Error> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parsed = StartAtPattern.Parse(text.Trim());
        if (!parsed.Success)
        {
            errors.Add(CampaignErrors.InvalidStartAt());
            return null;
        }

        var startAt = parsed.Value.ToInstant();
        var now = clock.GetCurrentInstant();
        if (startAt < now)
        {
            errors.Add(CampaignErrors.StartInPast(startAt, now));
        }

        return startAt;
    }

    /// <summary>The checks of a preview: the list, the template and media over it, and <c>maxIdentical</c>.</summary>
    public async Task<Result<(ContactList List, MessageTemplate Template, int MaxIdentical)>> ValidatePreviewAsync(
        TenantId tenant, PreviewDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var errors = new List<Error>();
        var list = await CheckListAsync(tenant, draft.ContactListId, errors, cancellationToken);
        var maxIdentical = CheckMaxIdentical(draft.MaxIdentical, errors);
        // The variation check is not an error here: the preview's statistics say whether the rule holds and why not.
        var template = CheckTemplate(list, draft.Template, draft.Media, maxIdentical: null, errors);
        return errors.Count > 0 ? CampaignErrors.Invalid(errors) : (list!, template!, maxIdentical!.Value);
    }

    /// <summary>The variables a template over <paramref name="list"/> can use: its columns, and <c>phone</c> under the phone column's names too.</summary>
    public static TemplateVariables Variables(ContactList list)
    {
        ArgumentNullException.ThrowIfNull(list);
        // The contacts' fields hold every column but the phone column, whose values are the E.164 numbers.
        return TemplateVariables.From(list.Columns.Where(c => c != list.PhoneColumn).ToArray(), list.PhoneColumn);
    }

    /// <summary>The engine calls a text message's template <c>text</c>; requests call it <c>template</c>.</summary>
    public static Error ToRequestField(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.Field == TemplateErrors.TextField ? error with { Field = CampaignErrors.TemplateField } : error;
    }

    private async Task<ContactList?> CheckListAsync(TenantId tenant, Guid? id, List<Error> errors, CancellationToken cancellationToken)
    {
        if (id is not { } listId || listId == Guid.Empty)
        {
            errors.Add(CampaignErrors.ContactListRequired());
            return null;
        }

        var list = await lists.FindAsync(tenant, new ContactListId(listId), cancellationToken);
        if (list is null)
        {
            errors.Add(CampaignErrors.UnknownContactList());
            return null;
        }

        return CheckNotEmpty(list, errors);
    }

    private static ContactList CheckNotEmpty(ContactList list, List<Error> errors)
    {
        if (list.Imported == 0)
        {
            errors.Add(CampaignErrors.EmptyContactList());
        }

        return list;
    }

    private int? CheckMaxIdentical(int? requested, List<Error> errors)
    {
        var value = requested ?? templateOptions.Value.DefaultMaxIdentical;
        if (value is >= 1 and <= CampaignErrors.MaxMaxIdentical)
        {
            return value;
        }

        errors.Add(CampaignErrors.MaxIdenticalOutOfRange(value));
        return null;
    }

    /// <summary>
    /// Compiles the template over the list's columns. Without a list the template is still read for every other
    /// problem (syntax, shorteners, media, lengths), but variables cannot be judged and are not reported.
    /// </summary>
    private MessageTemplate? CheckTemplate(ContactList? list, string? text, MediaDraft? media, int? maxIdentical, List<Error> errors)
    {
        var draft = new TemplateDraft(media is not null && text is { Length: 0 } ? null : text, media);
        if (list is null)
        {
            errors.AddRange(compiler.Validate(draft, TemplateVariables.From([]))
                .Where(e => e.Code != "template.unknown_variable")
                .Select(ToRequestField));
            return null;
        }

        if (compiler.TryCompile(draft, Variables(list), out var problems) is not { } template)
        {
            errors.AddRange(problems.Select(ToRequestField));
            return null;
        }

        if (maxIdentical is { } limit && list.Imported > 0 && template.CheckVariation(list.Imported, limit) is { } shortfall)
        {
            errors.Add(ToRequestField(shortfall));
        }

        return template;
    }

    private async Task<IReadOnlyList<SenderId>> CheckSendersAsync(
        TenantId tenant, IReadOnlyList<Guid>? ids, List<Error> errors, CancellationToken cancellationToken)
    {
        var distinct = (ids ?? []).Distinct().ToArray();
        var known = await campaigns.KnownSendersAsync(tenant, distinct, cancellationToken);
        var unknown = distinct.Where(id => !known.Contains(id)).ToArray();
        if (unknown.Length > 0)
        {
            errors.Add(CampaignErrors.UnknownSenders(unknown));
        }

        return distinct.Select(id => new SenderId(id)).ToArray();
    }

    /// <summary>Media as stored: the type in lower case and every value trimmed, as the checks read them.</summary>
    private static MediaDraft? Normalize(MediaDraft? media) => media is null
        ? null
        : new MediaDraft(
            media.Type?.Trim().ToLowerInvariant(),
            Trimmed(media.Url),
            Trimmed(media.Base64),
            Trimmed(media.MimeType),
            Trimmed(media.FileName),
            string.IsNullOrEmpty(media.Caption) ? null : media.Caption);

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
