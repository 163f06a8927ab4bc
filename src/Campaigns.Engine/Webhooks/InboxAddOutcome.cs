namespace Campaigns.Engine.Webhooks;

/// <summary>What <see cref="WebhookInbox.AddAsync"/> did with a webhook.</summary>
internal enum InboxAddOutcome
{
    /// <summary>The sender or its secret is wrong: nothing stored (401).</summary>
    UnknownUrl,

    /// <summary>Stored, to be applied.</summary>
    Stored,

    /// <summary>A copy of an event already stored (same dedupe key): not stored again.</summary>
    Duplicate,

    /// <summary>A <c>connection.update</c> repeating the state last stored, within the heartbeat: not stored.</summary>
    Coalesced,
}
