using System.Text.Json;
using Campaigns.Engine.Campaigns;

namespace Campaigns.Api.Campaigns;

/// <summary>Something that happened to a campaign that its user should see.</summary>
/// <param name="Kind">
/// <c>failover</c> (its detail: <c>from</c> the sender that could not send, <c>to</c> the senders that took its queued
/// messages, <c>moved</c> how many, <c>reason</c>), <c>waiting_for_sender</c> (none of its senders can send), and others.
/// </param>
/// <param name="At">When it happened (UTC).</param>
/// <param name="Detail">Facts of the event, by kind.</param>
internal sealed record CampaignEventResponse(string Kind, DateTimeOffset At, JsonElement Detail)
{
    public static CampaignEventResponse From(CampaignEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(value.Kind, value.At.ToDateTimeOffset(), value.Detail);
    }
}
