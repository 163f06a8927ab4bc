using System.Globalization;
using System.Text;

namespace Campaigns.Domain.Contacts;

/// <summary>How column names are compared: ignoring case, spaces, underscores, hyphens and dots.</summary>
public static class ColumnName
{
    /// <summary><c>"Phone Number"</c>, <c>"phone_number"</c> and <c>"PHONE-NUMBER"</c> all give <c>"phonenumber"</c>.</summary>
    public static string Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (char.IsWhiteSpace(c) || c is '_' or '-' or '.' or '\uFEFF')
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString().Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture);
    }

    /// <summary>Whether two column names are the same name as <see cref="Key"/> compares them.</summary>
    public static bool SameAs(string a, string b) => Key(a) == Key(b);
}
