using System.Text.RegularExpressions;
using Campaigns.Domain.Contacts;

namespace Campaigns.Engine.Gateway;

/// <summary>
/// Masks phone numbers in text that came from or goes to the gateway (its error messages echo numbers and JIDs)
/// before it reaches a log or an exception message.
/// </summary>
internal static partial class GatewayRedaction
{
    /// <summary>Masks every run of 7 or more digits (with an optional <c>+</c>) like <see cref="PhoneNumber.Mask"/>.</summary>
    public static string Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text ?? "" : Digits().Replace(text, match => PhoneNumber.Mask(match.Value));

    [GeneratedRegex(@"\+?[0-9]{7,}", RegexOptions.CultureInvariant)]
    private static partial Regex Digits();
}
