using Campaigns.Api.Common;
using Campaigns.Domain.Senders;
using Campaigns.Engine.Senders;
using NodaTime;

namespace Campaigns.Api.Senders;

/// <summary>
/// A JSON Merge Patch (RFC 7396) of a sender: a field left out keeps its value; <c>null</c> restores a setting's
/// default (<c>dailyCapMin</c>/<c>dailyCapMax</c> 200–300, <c>minIntervalMs</c> 1000, <c>jitterMinMs</c>/<c>jitterMaxMs</c>
/// 1000–5000, <c>activatedOn</c> today, so the number warms up); <c>name</c>, <c>instanceApiKey</c> and <c>timeZone</c>
/// have no default and cannot be null. A new <c>instanceApiKey</c> is checked with the gateway.
/// </summary>
/// <remarks>A class with setters rather than a record: see <see cref="MergePatchFields"/>.</remarks>
internal sealed class UpdateSenderRequest
{
    private readonly MergePatchFields _fields = new();

    public string? Name { get; set => _fields.Set(out field, value); }

    public string? InstanceApiKey { get; set => _fields.Set(out field, value); }

    /// <summary>An IANA time zone id such as <c>Africa/Nairobi</c>.</summary>
    public string? TimeZone { get; set => _fields.Set(out field, value); }

    /// <summary>The date the number started sending, <c>2026-11-26</c>; null: today.</summary>
    public string? ActivatedOn { get; set => _fields.Set(out field, value); }

    public int? DailyCapMin { get; set => _fields.Set(out field, value); }

    public int? DailyCapMax { get; set => _fields.Set(out field, value); }

    public int? MinIntervalMs { get; set => _fields.Set(out field, value); }

    public int? JitterMinMs { get; set => _fields.Set(out field, value); }

    public int? JitterMaxMs { get; set => _fields.Set(out field, value); }

    /// <summary>Simulate typing before each send (the gateway's <c>delay</c>); null: off, the default.</summary>
    public bool? Typing { get; set => _fields.Set(out field, value); }

    /// <param name="activatedOn">The parsed <see cref="ActivatedOn"/> (null when it was null or left out).</param>
    public UpdateSender ToCommand(LocalDate? activatedOn) => new(
        _fields.Of(Name),
        _fields.Of(InstanceApiKey),
        new SenderSettingsPatch
        {
            TimeZone = _fields.Of(TimeZone),
            ActivatedOn = _fields.Of(ActivatedOn).HasValue ? activatedOn : default(Domain.Common.Optional<LocalDate?>),
            DailyCapMin = _fields.Of(DailyCapMin),
            DailyCapMax = _fields.Of(DailyCapMax),
            MinIntervalMs = _fields.Of(MinIntervalMs),
            JitterMinMs = _fields.Of(JitterMinMs),
            JitterMaxMs = _fields.Of(JitterMaxMs),
        },
        _fields.Of(Typing));
}
