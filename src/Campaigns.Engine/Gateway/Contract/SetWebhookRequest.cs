namespace Campaigns.Engine.Gateway.Contract;

/// <summary>Body of <c>POST /webhook/set/{instance}</c>: <c>{"webhook":{…}}</c>. The gateway upserts by instance.</summary>
internal sealed record SetWebhookRequest(WebhookSettings Webhook);
