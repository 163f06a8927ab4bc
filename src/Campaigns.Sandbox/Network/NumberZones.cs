using NodaTime;
using PhoneNumbers;

namespace Campaigns.Sandbox.Network;

/// <summary>
/// The time zone of a phone number, from Google's libphonenumber metadata (<see cref="PhoneNumberToTimeZonesMapper"/>):
/// the first of the number's zones that NodaTime knows, or null when the number gives none (the metadata answers
/// <c>Etc/Unknown</c>) or is not a number.
/// </summary>
internal static class NumberZones
{
    public static DateTimeZone? Of(string? digits)
    {
        if (string.IsNullOrEmpty(digits))
        {
            return null;
        }

        PhoneNumber number;
        try
        {
            number = PhoneNumberUtil.GetInstance().Parse("+" + digits, null);
        }
        catch (NumberParseException)
        {
            return null;
        }

        return PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(number)
            .Select(DateTimeZoneProviders.Tzdb.GetZoneOrNull)
            .FirstOrDefault(zone => zone is not null);
    }
}
