using Campaigns.Engine.Senders;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// The one rule of when a campaign waits for a sender: it is running, has messages left to send (pending or queued),
/// and none of its senders can take a first contact (<see cref="SenderUsability.TakesFirstContactsSql"/>). Its senders
/// under a reach-out timelock still send to recipients they have talked with; everything else waits. The failover job
/// records the wait (<c>campaigns.waiting_since</c>, one <c>waiting_for_sender</c> event per wait) and
/// <c>GET /api/campaigns/{id}</c> answers it as <c>waiting: "no_usable_sender"</c>.
/// </summary>
internal static class CampaignWaiting
{
    /// <summary>What <c>waiting</c> says of a campaign that waits.</summary>
    public const string NoUsableSender = "no_usable_sender";

    /// <summary>The rule as SQL over <c>campaigns.campaigns</c> aliased <c>k</c>.</summary>
    public const string Sql =
        $"""
        (k.status = 'running'
         and exists (select 1 from campaigns.messages w where w.campaign_id = k.id and w.status in ('pending', 'queued'))
         and not exists (select 1 from campaigns.campaign_senders cs join campaigns.senders s on s.id = cs.sender_id
                          where cs.campaign_id = k.id and {SenderUsability.TakesFirstContactsSql}))
        """;
}
