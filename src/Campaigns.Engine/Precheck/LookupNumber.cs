using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using NodaTime;

namespace Campaigns.Engine.Precheck;

/// <summary>
/// A linked number claimed for one <c>whatsappNumbers</c> call, with the sender that makes it. <see cref="Lease"/> is
/// the number's <c>lookup_next_at</c> while the call is in flight: the next time is written only while it still holds it.
/// </summary>
internal sealed record LookupNumber(
    string Phone,
    SenderId Sender,
    TenantId Tenant,
    Uri GatewayUrl,
    string Instance,
    string ProtectedInstanceKey,
    Instant Lease)
{
    public override string ToString() => $"LookupNumber {{ Sender = {Sender} }}";
}
