namespace Campaigns.Engine.Direct;

/// <summary>One of the tenant's senders as a direct send chooses among them.</summary>
/// <param name="Refusal">Why it cannot send (<see cref="Senders.SenderUsability.Refusal"/>); null when it can.</param>
/// <param name="Restricted">Under a reach-out timelock: it sends only to recipients it already contacted.</param>
/// <param name="Queued">Its queued messages, of every running campaign and direct send.</param>
/// <param name="SentToday">What its number sent on its local today.</param>
/// <param name="Sticky">The recipient's sticky sender: the one the number last talked with (<c>recipients.sender_id</c>).</param>
/// <param name="Contacted">As the sticky sender, it already contacted the recipient (no first contact).</param>
internal sealed record DirectSender(Guid Id, string? Refusal, bool Restricted, int Queued, int SentToday, bool Sticky, bool Contacted)
{
    /// <summary>Whether it may send to the recipient now or as soon as its pacing allows (a timelock holds only first contacts).</summary>
    public bool TakesRecipient => Refusal is null && (!Restricted || Contacted);
}
