using NodaTime;

namespace Campaigns.Domain.Senders;

/// <summary>The health guard's thresholds (from the host's options; see <see cref="SenderHealth"/>).</summary>
/// <param name="Window">How many of the latest send outcomes count (at least 4).</param>
/// <param name="FailureShare">A failure share above this (in (0, 1]) pauses, once half a window is known.</param>
/// <param name="Burst">This many not-on-WhatsApp answers, or this many gateway errors, in the window pause.</param>
/// <param name="FlapPauses">This many not-open pauses within <paramref name="FlapWindow"/> pause.</param>
public sealed record HealthRules(int Window, double FailureShare, int Burst, int FlapPauses, Duration FlapWindow);
