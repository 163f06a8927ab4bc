namespace Campaigns.Api.Senders;

/// <summary>Why a sender is paused and since when.</summary>
/// <param name="Reason">E.g. <c>paused by its user</c>, or what dispatch met (a closed connection, too many failures).</param>
internal sealed record SenderPauseResponse(string Reason, DateTimeOffset At);
