using Campaigns.Api.Common;
using Campaigns.Domain.Pacing;

namespace Campaigns.Api.Senders;

/// <summary>
/// A sender's <c>pacing</c>: <c>profile</c> <c>spread</c> (the default: the day's budget spread over its open hours) or
/// <c>floor</c> (only the floor and the jitter), and optional <c>maxPerMinute</c> (1–60) and <c>maxPerHour</c> (1–3,600).
/// In a <c>PATCH</c> it is merged as JSON Merge Patch: a field left out keeps its value, null restores its default.
/// </summary>
/// <remarks>A class with setters rather than a record: see <see cref="MergePatchFields"/>.</remarks>
internal sealed class SenderPacingRequest
{
    private readonly MergePatchFields _fields = new();

    public string? Profile { get; set => _fields.Set(out field, value); }

    public int? MaxPerMinute { get; set => _fields.Set(out field, value); }

    public int? MaxPerHour { get; set => _fields.Set(out field, value); }

    public SenderPacingPatch ToPatch() => new()
    {
        Profile = _fields.Of(Profile),
        MaxPerMinute = _fields.Of(MaxPerMinute),
        MaxPerHour = _fields.Of(MaxPerHour),
    };
}
