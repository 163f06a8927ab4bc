using NodaTime;

namespace Campaigns.Engine.Dispatch;

/// <summary>
/// What one claim took: the sends to make, and the clock it was taken on. <see cref="DatabaseNow"/> is the claim
/// transaction's <c>now()</c>, read after <see cref="StartedAt"/> was taken, so <c>DatabaseNow + elapsed since
/// StartedAt</c> is never earlier than the database's clock at that moment (see <see cref="UpperBoundNow"/>).
/// </summary>
/// <param name="Due">Due numbers the claim looked at (sent, waiting or parked).</param>
internal sealed record DispatchClaim(Instant DatabaseNow, long StartedAt, IReadOnlyList<ClaimedSend> Sends, int Due)
{
    /// <summary>An upper bound of the database's clock now, from the claim's <c>now()</c> and a monotonic clock.</summary>
    public Instant UpperBoundNow(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return DatabaseNow + Duration.FromTimeSpan(time.GetElapsedTime(StartedAt));
    }
}
