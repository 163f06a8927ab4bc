using Campaigns.Domain.Common;
using PhoneNumbers;
using PhoneNumber = Campaigns.Domain.Contacts.PhoneNumber;

namespace Campaigns.Engine.Contacts;

/// <summary>
/// Turns a phone number as people write it (<c>0712 345 678</c>, <c>254712345678</c>, <c>+44 7911 123456</c>)
/// into E.164 with libphonenumber, against a default region for numbers written without a country code.
/// Only numbers that can be mobile are accepted: WhatsApp accounts are mobile numbers.
/// </summary>
internal static class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>Whether <paramref name="region"/> (ISO 3166 alpha-2, any case) is a region libphonenumber knows.</summary>
    public static bool IsSupportedRegion(string? region) =>
        region is { Length: 2 } && Util.GetSupportedRegions().Contains(region.ToUpperInvariant());

    /// <param name="text">The number as written.</param>
    /// <param name="region">A supported region, upper case (see <see cref="IsSupportedRegion"/>).</param>
    public static Result<PhoneNumber> Normalize(string? text, string region)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return Invalid("phone.empty", "no phone number");
        }

        foreach (var c in trimmed)
        {
            // libphonenumber reads letters as vanity digits (1-800-FLOWERS); in a contact list they mean the cell holds text.
            if (char.IsLetter(c))
            {
                return Invalid("phone.not_a_number", "not a phone number: it contains letters");
            }
        }

        var result = Parse(trimmed, region);

        // "00" is the international prefix of most of the world but not of every region (Kenya dials 000), so a list
        // written abroad may hold 00254…: read it as +254… when the region's own rules cannot make sense of it.
        if (!result.IsSuccess && trimmed.StartsWith("00", StringComparison.Ordinal)
            && Parse("+" + trimmed[2..], region) is { IsSuccess: true } international)
        {
            return international;
        }

        return result;
    }

    private static Result<PhoneNumber> Parse(string trimmed, string region)
    {
        PhoneNumbers.PhoneNumber parsed;
        try
        {
            parsed = Util.Parse(trimmed, region);
        }
        catch (NumberParseException ex)
        {
            return ex.ErrorType switch
            {
                ErrorType.INVALID_COUNTRY_CODE => Invalid("phone.invalid_country_code", "unknown country code"),
                ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => Invalid("phone.too_short", "too short to be a phone number"),
                ErrorType.TOO_LONG => Invalid("phone.too_long", "too long to be a phone number"),
                _ => Invalid("phone.not_a_number", "not a phone number"),
            };
        }

        var regionCode = Util.GetRegionCodeForNumber(parsed) ?? region;
        switch (Util.IsPossibleNumberWithReason(parsed))
        {
            case PhoneNumberUtil.ValidationResult.TOO_SHORT:
                return Invalid("phone.too_short", $"too short for a {regionCode} number");
            case PhoneNumberUtil.ValidationResult.TOO_LONG:
                return Invalid("phone.too_long", $"too long for a {regionCode} number");
            case PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                return Invalid("phone.invalid_country_code", "unknown country code");
            case PhoneNumberUtil.ValidationResult.INVALID_LENGTH:
            case PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY:
                return Invalid("phone.invalid_length", $"wrong number of digits for a {regionCode} number");
        }

        // GetNumberType answers UNKNOWN exactly when IsValidNumber answers false, at half the cost of asking both.
        var type = Util.GetNumberType(parsed);
        if (type == PhoneNumberType.UNKNOWN)
        {
            return Invalid("phone.invalid", $"not a valid {regionCode} number");
        }

        if (type is not (PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE))
        {
            return Invalid("phone.not_mobile", $"cannot be a mobile number ({Describe(type)})");
        }

        return PhoneNumber.Parse(Util.Format(parsed, PhoneNumberFormat.E164));
    }

    private static string Describe(PhoneNumberType type) => type switch
    {
        PhoneNumberType.FIXED_LINE => "a fixed line",
        PhoneNumberType.TOLL_FREE => "a toll-free number",
        PhoneNumberType.PREMIUM_RATE => "a premium-rate number",
        PhoneNumberType.SHARED_COST => "a shared-cost number",
        PhoneNumberType.VOIP => "a VoIP number",
        PhoneNumberType.PERSONAL_NUMBER => "a personal number",
        PhoneNumberType.PAGER => "a pager",
        PhoneNumberType.UAN => "a company number",
        PhoneNumberType.VOICEMAIL => "a voicemail number",
        _ => "an unknown kind of number",
    };

    private static Error Invalid(string code, string message) => new(code, message, "phone");
}
