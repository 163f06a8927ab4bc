using System.Globalization;
using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using NodaTime;
using NodaTime.Text;

namespace Campaigns.Domain.Campaigns;

/// <summary>
/// The ways a campaign request can be wrong. Validation errors name the request field at fault (<c>name</c>,
/// <c>contactListId</c>, <c>template</c>, <c>media.fileName</c>, <c>sendWindow.timeZone</c>, …); <see cref="Invalid"/>
/// gathers them into one answer.
/// </summary>
public static class CampaignErrors
{
    public const string NameField = "name";
    public const string ContactListField = "contactListId";
    public const string TemplateField = "template";
    public const string SenderIdsField = "senderIds";
    public const string StartAtField = "startAt";
    public const string MaxIdenticalField = "maxIdentical";

    /// <summary>The longest campaign name: 200 characters.</summary>
    public const int MaxNameLength = 200;

    /// <summary>The most recipients one body may be allowed to go to: 1,000,000.</summary>
    public const int MaxMaxIdentical = 1_000_000;

    /// <summary>
    /// Every problem of a request at once, as one validation answer: <see cref="Error.Details"/> holds <c>errors</c>
    /// (each field with its messages, the shape of a validation problem) and <c>problems</c> (each error in full:
    /// code, message, field, and its facts such as a template's line and column).
    /// </summary>
    public static Error Invalid(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentOutOfRangeException.ThrowIfZero(errors.Count);
        var byField = errors
            .GroupBy(e => e.Field ?? "")
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        var message = errors.Count == 1 ? errors[0].Message : $"The campaign has {errors.Count} problems; each is listed in errors.";
        return new Error("campaign.invalid", message, errors.Count == 1 ? errors[0].Field : null)
        {
            Details = new Dictionary<string, object?>
            {
                ["errors"] = byField,
                ["problems"] = errors.Select(TemplateErrors.Describe).ToArray(),
            },
        };
    }

    public static Error NotFound() => CommonErrors.NotFound("campaign");

    /// <param name="action">What only a draft may undergo, e.g. <c>changed</c> or <c>prepared</c>.</param>
    public static Error NotDraft(CampaignId id, CampaignStatus status, string action) => new(
        "campaign.not_draft",
        $"Only a draft campaign can be {action}; campaign {id} is {Name(status)}.",
        Kind: ErrorKind.Conflict)
    {
        Details = new Dictionary<string, object?> { ["campaignStatus"] = Name(status) },
    };

    public static Error NotDeletable(CampaignId id, CampaignStatus status) => new(
        "campaign.not_deletable",
        status == CampaignStatus.Preparing
            ? $"Campaign {id} is being prepared: take it back to draft (POST /api/campaigns/{id}/draft), then delete it."
            : $"Campaign {id} is {Name(status)}: only a draft or ready campaign can be deleted, since the others are the record of what was sent.",
        Kind: ErrorKind.Conflict)
    {
        Details = new Dictionary<string, object?> { ["campaignStatus"] = Name(status) },
    };

    public static Error InvalidTransition(CampaignId id, CampaignStatus from, CampaignTransition transition) => new(
        "campaign.invalid_transition",
        $"Campaign {id} is {Name(from)}: it cannot {Verb(transition)}.",
        Kind: ErrorKind.Conflict)
    {
        Details = new Dictionary<string, object?> { ["campaignStatus"] = Name(from) },
    };

    /// <summary>A campaign started without any sender.</summary>
    public static Error NoSenders(CampaignId id) => new(
        "campaign.no_senders",
        $"Campaign {id} has no sender to send from: it cannot be started. Take it back to draft and set senderIds.",
        SenderIdsField,
        ErrorKind.Conflict);

    /// <summary>
    /// A campaign started when none of its senders can send: each is named with why (its connection state, a pause,
    /// no linked number).
    /// </summary>
    public static Error NoUsableSenders(CampaignId id, IReadOnlyList<(Guid Id, string Reason)> senders)
    {
        ArgumentNullException.ThrowIfNull(senders);
        return new Error(
            "campaign.no_usable_senders",
            $"None of campaign {id}'s senders can send: {string.Join("; ", senders.Select(s => $"{s.Id}: {s.Reason}"))}. " +
            "Link, reconnect or resume one (POST /api/senders/{id}/check, /resume), then start again.",
            SenderIdsField,
            ErrorKind.Conflict)
        {
            Details = new Dictionary<string, object?>
            {
                ["senders"] = senders.Select(s => new Dictionary<string, object?> { ["id"] = s.Id, ["reason"] = s.Reason }).ToArray(),
            },
        };
    }

    public static Error NameRequired() => new("campaign.name_required", "The campaign needs a name.", NameField);

    public static Error NameTooLong(int length) => new(
        "campaign.name_too_long", $"The name is {length:N0} characters long; at most {MaxNameLength} are allowed.", NameField);

    public static Error ContactListRequired() => new(
        "campaign.contact_list_required", "Name the contact list to send to (contactListId).", ContactListField);

    /// <summary>Also the answer for another tenant's list: it is as absent as one that never existed.</summary>
    public static Error UnknownContactList() => new(
        "campaign.unknown_contact_list", "There is no contact list with that id.", ContactListField);

    public static Error EmptyContactList() => new(
        "campaign.empty_contact_list", "The contact list has no contacts to send to.", ContactListField);

    /// <summary>Sender ids that are not the tenant's senders (another tenant's are as unknown as made-up ones).</summary>
    public static Error UnknownSenders(IReadOnlyList<Guid> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return new Error(
            "campaign.unknown_senders",
            ids.Count == 1
                ? $"There is no sender with id {ids[0]}."
                : $"There are no senders with ids {string.Join(", ", ids)}.",
            SenderIdsField)
        {
            Details = new Dictionary<string, object?> { ["senderIds"] = ids.ToArray() },
        };
    }

    public static Error InvalidStartAt() => new(
        "campaign.invalid_start_at",
        "startAt must be an ISO-8601 date and time with an offset, such as 2026-03-01T09:00:00+03:00 or 2026-03-01T06:00:00Z.",
        StartAtField);

    public static Error StartInPast(Instant startAt, Instant now) => new(
        "campaign.start_in_past",
        $"startAt ({InstantPattern.ExtendedIso.Format(startAt)}) is in the past; it is now {InstantPattern.ExtendedIso.Format(now)}.",
        StartAtField);

    public static Error MaxIdenticalOutOfRange(int value) => new(
        "campaign.max_identical_out_of_range",
        $"maxIdentical is {value.ToString(CultureInfo.InvariantCulture)}; it must be between 1 and {MaxMaxIdentical:N0} (default {VariationRule.DefaultMaxIdentical}).",
        MaxIdenticalField);

    /// <summary>A preview's <c>campaignId</c> that is not one of the tenant's campaigns.</summary>
    public static Error UnknownCampaign() => new("campaign.unknown_campaign", "There is no campaign with that id.", "campaignId");

    /// <summary>A listing's <c>status</c> filter that is not a campaign status.</summary>
    public static Error UnknownStatus(string text) => new(
        "campaign.unknown_status",
        $"'{text}' is not a campaign status: use {string.Join(", ", StatusText.CampaignStatuses)}.",
        "status");

    /// <summary>A listing's <c>status</c> filter that is not a message status.</summary>
    public static Error UnknownMessageStatus(string text) => new(
        "message.unknown_status",
        $"'{text}' is not a message status: use {string.Join(", ", StatusText.MessageStatuses)}.",
        "status");

    /// <summary>Preparing failed <paramref name="attempts"/> times for reasons of the system, not of the campaign; the campaign is a draft again.</summary>
    public static Error PrepareFailed(int attempts) => new(
        "campaign.prepare_failed",
        $"Preparing failed {attempts} times for a reason of the system (it is logged); the campaign is a draft again: prepare it again later.");

    /// <summary>A recipient skipped at preparing because the number was suppressed after the list was imported.</summary>
    public static Error Suppressed() => new("recipient.suppressed", "The number is on the suppression list.");

    /// <summary>The status as the API writes it: <c>draft</c>, <c>preparing</c>, … (<see cref="StatusText"/>).</summary>
    public static string Name(CampaignStatus status) => StatusText.Name(status);

    private static string Verb(CampaignTransition transition) => transition switch
    {
        CampaignTransition.Prepare => "be prepared",
        CampaignTransition.FinishPreparing => "finish preparing",
        CampaignTransition.AbandonPreparing => "go back to draft",
        CampaignTransition.BackToDraft => "go back to draft (only a preparing or ready campaign can: nothing has been sent from either)",
        CampaignTransition.Start => "be started (only a ready campaign can)",
        CampaignTransition.Begin => "begin sending (only a scheduled campaign can)",
        CampaignTransition.Pause => "be paused (only a running or scheduled campaign can)",
        CampaignTransition.Resume => "be resumed (only a paused campaign can)",
        CampaignTransition.Complete => "be completed",
        CampaignTransition.Cancel => "be cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(transition), transition, null),
    };
}
