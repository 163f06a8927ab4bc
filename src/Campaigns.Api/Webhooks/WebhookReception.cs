using Campaigns.Engine.Senders;
using Campaigns.Engine.Webhooks;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Webhooks;

/// <summary>What the webhook receiver uses, bound from the services as one handler parameter (<c>[AsParameters]</c>).</summary>
internal readonly record struct WebhookReception(WebhookInbox Inbox, SenderStore Senders, WebhookNudge Nudge, WebhookMetrics Metrics, IOptions<WebhookOptions> Options);
