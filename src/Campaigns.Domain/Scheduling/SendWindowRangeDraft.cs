namespace Campaigns.Domain.Scheduling;

/// <summary>One range of a <see cref="SendWindowDraft"/> as a caller writes it; both parts are required.</summary>
/// <param name="Start">When sending may begin, <c>HH:mm</c> (24-hour clock), e.g. <c>09:00</c>.</param>
/// <param name="End">When it stops, <c>HH:mm</c>; not after <paramref name="Start"/> for a range through midnight.</param>
public sealed record SendWindowRangeDraft(string? Start, string? End);
