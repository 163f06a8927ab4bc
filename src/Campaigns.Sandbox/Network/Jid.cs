using System.Text.RegularExpressions;

namespace Campaigns.Sandbox.Network;

/// <summary>
/// WhatsApp ids as Evolution's <c>createJid</c> makes them from what callers send: a jid stays as it is, spaces,
/// <c>+</c>, brackets and other non-digits go, 18 digits or more is a group (<c>@g.us</c>), anything else a user
/// (<c>digits@s.whatsapp.net</c>). The Brazilian and Mexican ninth-digit corrections are left out.
/// </summary>
internal static partial class Jid
{
    public const string UserSuffix = "@s.whatsapp.net";
    public const string GroupSuffix = "@g.us";

    public static string FromNumber(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        number = DeviceSuffix().Replace(number, "", 1);
        if (number.Contains(GroupSuffix, StringComparison.Ordinal)
            || number.Contains(UserSuffix, StringComparison.Ordinal)
            || number.Contains("@lid", StringComparison.Ordinal)
            || number.Contains("@broadcast", StringComparison.Ordinal))
        {
            return number;
        }

        if (number.Contains('-', StringComparison.Ordinal) && number.Length >= 24)
        {
            return number + GroupSuffix;
        }

        var digits = NonDigits().Replace(number, "");
        return digits.Length >= 18 ? digits + GroupSuffix : digits + UserSuffix;
    }

    /// <summary>The user part of a jid: the phone digits of a user jid.</summary>
    public static string User(string jid)
    {
        ArgumentNullException.ThrowIfNull(jid);
        var at = jid.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? jid : jid[..at];
    }

    public static bool IsGroup(string jid) => jid.EndsWith(GroupSuffix, StringComparison.Ordinal);

    [GeneratedRegex(@":\d+")]
    private static partial Regex DeviceSuffix();

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigits();
}
