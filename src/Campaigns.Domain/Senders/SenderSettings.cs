using Campaigns.Domain.Common;
using NodaTime;

namespace Campaigns.Domain.Senders;

/// <summary>
/// The pacing of one sender number: the ban-avoidance budget of DESIGN.md. A value that exists is valid
/// (see <see cref="Create"/>): the floor between two sends is at least one second, caps and jitter are ordered ranges,
/// and the time zone is an IANA zone.
/// </summary>
public sealed record SenderSettings
{
    /// <summary>The least gap between two sends of one number: 1,000 ms, and no setting may go below it.</summary>
    public static readonly Duration Floor = Duration.FromMilliseconds(1000);

    public const int DefaultDailyCapMin = 200;
    public const int DefaultDailyCapMax = 300;
    public const int MaxDailyCap = 1000;
    public const int DefaultJitterMinMs = 1000;
    public const int DefaultJitterMaxMs = 5000;

    private SenderSettings(DateTimeZone timeZone, LocalDate activatedOn, int dailyCapMin, int dailyCapMax, Duration minInterval, Duration jitterMin, Duration jitterMax)
    {
        TimeZone = timeZone;
        ActivatedOn = activatedOn;
        DailyCapMin = dailyCapMin;
        DailyCapMax = dailyCapMax;
        MinInterval = minInterval;
        JitterMin = jitterMin;
        JitterMax = jitterMax;
    }

    /// <summary>The number's local time zone: its day (and daily cap) starts at local midnight.</summary>
    public DateTimeZone TimeZone { get; }

    /// <summary>When the number started sending; numbers younger than 30 days follow the warm-up ramp.</summary>
    public LocalDate ActivatedOn { get; }

    /// <summary>The daily cap is drawn afresh each local day, uniformly in [<see cref="DailyCapMin"/>, <see cref="DailyCapMax"/>].</summary>
    public int DailyCapMin { get; }

    public int DailyCapMax { get; }

    /// <summary>The hard floor between two sends of this number (default 1 s, never less).</summary>
    public Duration MinInterval { get; }

    /// <summary>Random extra gap added to every send, uniformly in [<see cref="JitterMin"/>, <see cref="JitterMax"/>] (default 1–5 s).</summary>
    public Duration JitterMin { get; }

    public Duration JitterMax { get; }

    /// <summary>The same settings in another zone (a valid zone: nothing to check).</summary>
    public SenderSettings WithTimeZone(DateTimeZone timeZone) =>
        new(timeZone ?? throw new ArgumentNullException(nameof(timeZone)), ActivatedOn, DailyCapMin, DailyCapMax, MinInterval, JitterMin, JitterMax);

    /// <summary>The same settings for a number that started sending on <paramref name="activatedOn"/>.</summary>
    public SenderSettings WithActivatedOn(LocalDate activatedOn) =>
        new(TimeZone, activatedOn, DailyCapMin, DailyCapMax, MinInterval, JitterMin, JitterMax);

    /// <summary>
    /// These settings with <paramref name="patch"/> applied (absent: kept; null: the default; a value: replaced), checked
    /// again as a whole, with every problem at once. Lowering <c>dailyCapMax</c> below the current minimum lowers the
    /// minimum with it, unless the patch sets the minimum too.
    /// </summary>
    /// <param name="today">The date a null <c>activatedOn</c> stands for: today in the sender's zone.</param>
    public Result<SenderSettings> With(SenderSettingsPatch patch, LocalDate today)
    {
        ArgumentNullException.ThrowIfNull(patch);
        var capMax = patch.DailyCapMax.Or(DailyCapMax);
        var capMin = patch.DailyCapMin.HasValue
            ? patch.DailyCapMin.Value
            : patch.DailyCapMax.HasValue && capMax is { } max && max < DailyCapMin ? max : DailyCapMin;
        return Create(
            patch.TimeZone.Or(TimeZone.Id),
            patch.ActivatedOn.Or(ActivatedOn) ?? today,
            capMin,
            capMax,
            patch.MinIntervalMs.Or((int)MinInterval.TotalMilliseconds),
            patch.JitterMinMs.Or((int)JitterMin.TotalMilliseconds),
            patch.JitterMaxMs.Or((int)JitterMax.TotalMilliseconds));
    }

    /// <summary>
    /// Checks every setting and answers all the problems at once (one <see cref="Error"/> whose details map each field to
    /// its messages). Absent values take the defaults of DESIGN.md; <paramref name="timeZoneId"/> must be given (the caller
    /// derives it from the number when the user gave none).
    /// </summary>
    public static Result<SenderSettings> Create(
        string? timeZoneId,
        LocalDate activatedOn,
        int? dailyCapMin = null,
        int? dailyCapMax = null,
        int? minIntervalMs = null,
        int? jitterMinMs = null,
        int? jitterMaxMs = null)
    {
        var errors = new Dictionary<string, string[]>();
        var zone = timeZoneId is null ? null : DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZoneId);
        if (zone is null)
        {
            errors["timeZone"] = [$"'{timeZoneId}' is not an IANA time zone, such as Africa/Nairobi."];
        }

        var capMin = dailyCapMin ?? Math.Min(DefaultDailyCapMin, dailyCapMax ?? DefaultDailyCapMin);
        var capMax = dailyCapMax ?? Math.Max(DefaultDailyCapMax, capMin);
        if (capMin is < 1 or > MaxDailyCap)
        {
            errors["dailyCapMin"] = [$"The daily cap must be between 1 and {MaxDailyCap}."];
        }

        if (capMax is < 1 or > MaxDailyCap)
        {
            errors["dailyCapMax"] = [$"The daily cap must be between 1 and {MaxDailyCap}."];
        }
        else if (capMin > capMax)
        {
            errors["dailyCapMin"] = [$"dailyCapMin ({capMin}) must not be more than dailyCapMax ({capMax})."];
        }

        var interval = minIntervalMs ?? (int)Floor.TotalMilliseconds;
        if (interval < Floor.TotalMilliseconds)
        {
            errors["minIntervalMs"] = [$"The gap between two sends must be at least {Floor.TotalMilliseconds:0} ms, not {interval} ms."];
        }

        var jitterMin = jitterMinMs ?? Math.Min(DefaultJitterMinMs, jitterMaxMs ?? DefaultJitterMinMs);
        var jitterMax = jitterMaxMs ?? Math.Max(DefaultJitterMaxMs, jitterMin);
        if (jitterMin < 0)
        {
            errors["jitterMinMs"] = ["Jitter cannot be negative."];
        }
        else if (jitterMin > jitterMax)
        {
            errors["jitterMinMs"] = [$"jitterMinMs ({jitterMin}) must not be more than jitterMaxMs ({jitterMax})."];
        }

        if (errors.Count > 0)
        {
            return SenderErrors.InvalidSettings(errors);
        }

        return new SenderSettings(
            zone!, activatedOn, capMin, capMax, Duration.FromMilliseconds(interval),
            Duration.FromMilliseconds(jitterMin), Duration.FromMilliseconds(jitterMax));
    }
}
