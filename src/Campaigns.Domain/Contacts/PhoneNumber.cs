using System.Text.RegularExpressions;
using Campaigns.Domain.Common;

namespace Campaigns.Domain.Contacts;

/// <summary>
/// A phone number in E.164 form, e.g. <c>+254712345678</c>: a plus sign and 8 to 15 digits, the first not zero.
/// This type checks the form only; whether a number exists or can be mobile is decided when it is normalised
/// from user input. <see cref="ToString"/> masks the number so that logs never carry it whole.
/// </summary>
public sealed partial record PhoneNumber
{
    private PhoneNumber(string e164) => Value = e164;

    /// <summary>The number in E.164 form.</summary>
    public string Value { get; }

    public static Result<PhoneNumber> Parse(string? text) =>
        text is not null && E164().IsMatch(text)
            ? new PhoneNumber(text)
            : new Error("phone.not_e164", $"'{text}' is not a phone number in E.164 form, such as +254712345678.", "phone");

    /// <summary>Masks all but the country prefix and the last three digits: <c>+2547******678</c>.</summary>
    public override string ToString() => Mask(Value);

    /// <summary>Masks a number for logs and messages; text too short to hide anything is hidden whole.</summary>
    public static string Mask(string number) =>
        number.Length <= 7 ? new string('*', number.Length) : number[..5] + new string('*', number.Length - 8) + number[^3..];

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$", RegexOptions.CultureInvariant)]
    private static partial Regex E164();
}
