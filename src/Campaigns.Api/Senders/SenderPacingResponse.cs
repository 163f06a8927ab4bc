namespace Campaigns.Api.Senders;

/// <summary>The pacing in force: <c>spread</c> or <c>floor</c>, and the per-minute and per-hour caps (null: none).</summary>
internal sealed record SenderPacingResponse(string Profile, int? MaxPerMinute, int? MaxPerHour);
