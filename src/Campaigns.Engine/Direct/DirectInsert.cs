using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;

namespace Campaigns.Engine.Direct;

/// <summary>A direct send decided and ready to store (<see cref="DirectSendStore.InsertAsync"/>).</summary>
/// <param name="Id">The hidden campaign's id, which is the message's.</param>
/// <param name="Origin">A <see cref="DirectOrigin"/>.</param>
/// <param name="Jid">The chat to send to when already known (a confirmation answers the jid the reply came from); null: the pre-check finds it.</param>
/// <param name="Body">The text, or the media's caption (possibly empty), cleaned as <see cref="MessageBody.Clean"/> does.</param>
/// <param name="BodyHash">The variation rule's hash of <paramref name="Body"/> (<see cref="MessageBody.Hash"/>).</param>
internal sealed record DirectInsert(
    Guid Id,
    TenantId Tenant,
    string Origin,
    string? IdempotencyKey,
    string Phone,
    string? Jid,
    Guid Sender,
    string Body,
    byte[] BodyHash,
    MediaDraft? Media,
    int MaxIdentical);
