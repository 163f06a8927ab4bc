using NodaTime;
using NodaTime.TimeZones;
using PhoneNumbers;

namespace Campaigns.Engine.Senders;

/// <summary>A sender's default time zone: the zone of its number (libphonenumber's map), else of the default region (tzdb's zone.tab).</summary>
internal static class SenderTimeZones
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <param name="e164">The linked number, when known.</param>
    /// <param name="region">ISO 3166 region to fall back on.</param>
    public static string For(string? e164, string region)
    {
        if (e164 is not null)
        {
            try
            {
                var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(Util.Parse(e164, null));
                var zone = zones.FirstOrDefault(z => DateTimeZoneProviders.Tzdb.GetZoneOrNull(z) is not null);
                if (zone is not null)
                {
                    return zone;
                }
            }
            catch (NumberParseException)
            {
                // fall through to the region
            }
        }

        return TzdbDateTimeZoneSource.Default.ZoneLocations?
            .FirstOrDefault(l => string.Equals(l.CountryCode, region, StringComparison.OrdinalIgnoreCase))?.ZoneId ?? "UTC";
    }

    /// <summary>The E.164 number of a WhatsApp JID such as <c>254700000001@s.whatsapp.net</c>, or null.</summary>
    public static string? NumberOfJid(string? jid)
    {
        var user = jid?.Split('@')[0].Split(':')[0];
        return user is { Length: >= 8 and <= 15 } && user.All(char.IsAsciiDigit) ? "+" + user : null;
    }
}
