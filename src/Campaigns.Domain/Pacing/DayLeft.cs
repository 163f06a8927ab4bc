using NodaTime;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// What is left of a number's local day after a send, for the spread profile: the open time of the sent message's
/// window between the send and the end of the day, and the sends its budget still allows that day (cap − sent today).
/// </summary>
public sealed record DayLeft(Duration OpenTime, int Budget);
