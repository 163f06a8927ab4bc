using System.Text.Json;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Webhooks;

/// <summary>
/// One stored webhook as the processor hands it to an <see cref="IWebhookApplier"/>: the inbox row's id, the sender
/// whose secret URL received it and that sender's tenant (an applier touches only that tenant's rows), the wire event
/// name, the envelope as stored (without <c>apikey</c> and <c>destination</c>; the event's object is under
/// <c>data</c>), when it arrived and how many times applying it was tried before.
/// </summary>
internal sealed record InboxEvent(long Id, SenderId Sender, TenantId Tenant, string Event, JsonElement Payload, Instant ReceivedAt, int Attempts);
