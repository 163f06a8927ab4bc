using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Webhooks;

/// <summary>An inbox row a processor run claimed: its envelope as stored (JSON text) and its sender's tenant.</summary>
internal sealed record ClaimedWebhook(long Id, SenderId Sender, TenantId Tenant, string Event, string Payload, Instant ReceivedAt, int Attempts);
