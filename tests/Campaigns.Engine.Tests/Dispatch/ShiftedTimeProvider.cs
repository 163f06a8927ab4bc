namespace Campaigns.Engine.Tests.Dispatch;

/// <summary>
/// The system's clock with its monotonic timestamps moved <see cref="Shift"/> ahead: given to a loop (and not to its
/// claimer), every send happens <see cref="Shift"/> after its claim, as if the loop had stalled in between.
/// </summary>
internal sealed class ShiftedTimeProvider(TimeSpan shift) : TimeProvider
{
    public TimeSpan Shift { get; } = shift;

    public override long GetTimestamp() =>
        System.GetTimestamp() + (long)(Shift.TotalSeconds * System.TimestampFrequency);

    public override long TimestampFrequency => System.TimestampFrequency;
}
