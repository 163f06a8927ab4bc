using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Campaigns.Web.Tests.CampaignPages;

/// <summary>What the campaign page's tests read off it: the status badge, the "Sent in all" line, and the report's records.</summary>
internal static partial class CampaignPageParts
{
    public static ILocator Status(IPage page) => page.Locator(".campaign-summary .badge");

    public static ILocator Totals(IPage page) => page.Locator(".campaign-totals");

    /// <summary>The "Sent in all: N …" line once at least one message went out.</summary>
    [GeneratedRegex(@"^Sent in all: [1-9]")]
    public static partial Regex SentSome();

    /// <summary>The "Sent in all" line with exactly <paramref name="sent"/> (as the page writes it: en-GB, thousands with commas).</summary>
    public static Regex SentExactly(int sent) =>
        new($"^Sent in all: {Regex.Escape(sent.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")))} ");

    public static async Task<int> SentInAllAsync(IPage page)
    {
        var text = await Totals(page).InnerTextAsync();
        return int.Parse(SentInAll().Match(text).Groups[1].Value.Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>CSV records (RFC 4180): a line break inside a quoted cell does not end one (a cell of the sample holds one).</summary>
    public static int Records(string csv)
    {
        var (records, quoted) = (0, false);
        foreach (var c in csv)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == '\n' && !quoted)
            {
                records++;
            }
        }

        return csv.Length > 0 && csv[^1] != '\n' ? records + 1 : records;
    }

    [GeneratedRegex(@"^Sent in all: ([\d,]+)")]
    private static partial Regex SentInAll();
}
