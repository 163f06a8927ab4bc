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
    public static string For(string? e164, string region) =>
        (e164 is null ? null : OfNumber(e164)) ?? MainZone(region) ?? "UTC";

    /// <summary>
    /// The IANA zone of an E.164 number (libphonenumber's number → zone map), or null when the map has none. When the
    /// number's prefix spans several zones (+44 is London, Guernsey, Jersey and the Isle of Man), the region's main zone
    /// (tzdb's zone.tab) wins if it is one of them, else the first tzdb knows. Senders default to it; preparing stores it
    /// per recipient.
    /// </summary>
    public static string? OfNumber(string e164)
    {
        try
        {
            var number = Util.Parse(e164, null);
            var zones = PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number)
                .Where(z => DateTimeZoneProviders.Tzdb.GetZoneOrNull(z) is not null)
                .ToList();
            if (zones.Count <= 1)
            {
                return zones.FirstOrDefault();
            }

            var main = MainZone(Util.GetRegionCodeForNumber(number));
            return main is not null && zones.Contains(main) ? main : zones[0];
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static string? MainZone(string? region) => region is null
        ? null
        : TzdbDateTimeZoneSource.Default.ZoneLocations?
            .FirstOrDefault(l => string.Equals(l.CountryCode, region, StringComparison.OrdinalIgnoreCase))?.ZoneId;

    /// <summary>The E.164 number of a WhatsApp JID such as <c>254700000001@s.whatsapp.net</c>, or null.</summary>
    public static string? NumberOfJid(string? jid)
    {
        var user = jid?.Split('@')[0].Split(':')[0];
        return user is { Length: >= 8 and <= 15 } && user.All(char.IsAsciiDigit) ? "+" + user : null;
    }
}
