using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using NodaTime;

namespace Campaigns.Domain.Senders;

/// <summary>
/// A sender's cap for one local day: drawn afresh each day, uniformly in the sender's [min, max], and the same every
/// time it is asked for that day (a stable hash of sender and date, not a random source), so every server agrees.
/// Numbers younger than <see cref="WarmUpDays"/> follow a ramp from <see cref="WarmUpStart"/> up to the drawn cap.
/// </summary>
public static class DailyCap
{
    public const int WarmUpDays = 30;
    public const int WarmUpStart = 20;

    public static int For(SenderId sender, SenderSettings settings, LocalDate day)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var span = settings.DailyCapMax - settings.DailyCapMin + 1;
        var drawn = settings.DailyCapMin + (int)(Draw(sender, day) % (ulong)span);
        var age = Period.DaysBetween(settings.ActivatedOn, day);
        if (age >= WarmUpDays)
        {
            return drawn;
        }

        // Linear ramp: WarmUpStart on the first day, the drawn cap from day 30 on; never more than the drawn cap.
        var ramp = WarmUpStart + ((drawn - WarmUpStart) * Math.Max(age, 0) / WarmUpDays);
        return Math.Clamp(ramp, 1, drawn);
    }

    private static ulong Draw(SenderId sender, LocalDate day)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{sender.Value:N}/{day:yyyy-MM-dd}")), hash);
        return BitConverter.ToUInt64(hash);
    }
}
