using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>
/// A partial update of a draft: only the fields present in the JSON change, and the whole campaign is checked again.
/// A field sent as <c>null</c> is cleared or takes its default (<c>media</c>: a text message again; <c>startAt</c>:
/// when started; <c>sendWindow</c>, <c>maxIdentical</c>: their defaults; <c>senderIds</c>: none). <c>media</c> and
/// <c>sendWindow</c> are replaced whole.
/// </summary>
/// <remarks>
/// A class with setters rather than a record: the JSON reader calls a setter only for a field that is present, which
/// is how "left out" (keep) is told from "null" (clear).
/// </remarks>
internal sealed class UpdateCampaignRequest
{
    private readonly HashSet<string> _given = new(StringComparer.Ordinal);

    public string? Name { get; set => Set(out field, value); }

    public Guid? ContactListId { get; set => Set(out field, value); }

    public string? Template { get; set => Set(out field, value); }

    public MediaRequest? Media { get; set => Set(out field, value); }

    public IReadOnlyList<Guid>? SenderIds { get; set => Set(out field, value); }

    public SendWindowRequest? SendWindow { get; set => Set(out field, value); }

    /// <summary>ISO-8601 with an offset; a start in the past is refused.</summary>
    public string? StartAt { get; set => Set(out field, value); }

    public int? MaxIdentical { get; set => Set(out field, value); }

    /// <summary>The draft with the fields given in the request replaced.</summary>
    public CampaignDraft ApplyTo(CampaignDraft current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current with
        {
            Name = Given(nameof(Name)) ? Name : current.Name,
            ContactListId = Given(nameof(ContactListId)) ? ContactListId : current.ContactListId,
            Template = Given(nameof(Template)) ? Template : current.Template,
            Media = Given(nameof(Media)) ? Media?.ToDraft() : current.Media,
            SenderIds = Given(nameof(SenderIds)) ? SenderIds : current.SenderIds,
            SendWindow = Given(nameof(SendWindow)) ? SendWindow?.ToDraft() : current.SendWindow,
            StartAt = Given(nameof(StartAt)) ? StartAt : current.StartAt,
            MaxIdentical = Given(nameof(MaxIdentical)) ? MaxIdentical : current.MaxIdentical,
        };
    }

    private bool Given(string name) => _given.Contains(name);

    private void Set<T>(out T field, T value, [System.Runtime.CompilerServices.CallerMemberName] string name = "")
    {
        field = value;
        _given.Add(name);
    }
}
