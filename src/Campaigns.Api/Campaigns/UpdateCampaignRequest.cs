using Campaigns.Api.Common;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>
/// A JSON Merge Patch (RFC 7396) of a draft: a field left out keeps its value, a field sent as <c>null</c> is cleared or
/// takes its default (<c>media</c>: a text message again; <c>startAt</c>: when started; <c>sendWindow</c>,
/// <c>maxIdentical</c>: their defaults; <c>senderIds</c>: none), and the whole campaign is checked again.
/// <c>media</c> and <c>sendWindow</c> are values replaced whole, not merged member by member (a deliberate narrowing of
/// RFC 7396: their parts are checked together, and a part sent alone would silently keep the others).
/// </summary>
/// <remarks>A class with setters rather than a record: see <see cref="MergePatchFields"/>.</remarks>
internal sealed class UpdateCampaignRequest
{
    private readonly MergePatchFields _fields = new();

    public string? Name { get; set => _fields.Set(out field, value); }

    public Guid? ContactListId { get; set => _fields.Set(out field, value); }

    public string? Template { get; set => _fields.Set(out field, value); }

    public MediaRequest? Media { get; set => _fields.Set(out field, value); }

    public IReadOnlyList<Guid>? SenderIds { get; set => _fields.Set(out field, value); }

    public SendWindowRequest? SendWindow { get; set => _fields.Set(out field, value); }

    /// <summary>ISO-8601 with an offset; a start in the past is refused.</summary>
    public string? StartAt { get; set => _fields.Set(out field, value); }

    public int? MaxIdentical { get; set => _fields.Set(out field, value); }

    /// <summary>When a number replies, skip this campaign's message to it if not yet sent; null: false.</summary>
    public bool? StopOnReply { get; set => _fields.Set(out field, value); }

    /// <summary>The fields given, for the service to apply to the stored campaign.</summary>
    public CampaignPatch ToPatch() => new()
    {
        Name = _fields.Of(Name),
        ContactListId = _fields.Of(ContactListId),
        Template = _fields.Of(Template),
        Media = _fields.Of(Media) is { HasValue: true } media ? new(media.Value?.ToDraft()) : default,
        SenderIds = _fields.Of(SenderIds),
        SendWindow = _fields.Of(SendWindow) is { HasValue: true } window ? new(window.Value?.ToDraft()) : default,
        StartAt = _fields.Of(StartAt),
        MaxIdentical = _fields.Of(MaxIdentical),
        StopOnReply = _fields.Of(StopOnReply),
    };
}
