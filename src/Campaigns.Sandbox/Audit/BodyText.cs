using System.Globalization;
using System.Text;

namespace Campaigns.Sandbox.Audit;

/// <summary>
/// Bodies as DESIGN.md compares them for the identical-body and duplicate rules, written from that page and not
/// from the engine: characters a reader cannot see (zero-width space, non-joiner and joiner, word joiner, BOM, soft
/// hyphen: every Unicode format character) go, then NFKC, invariant lower case, and runs of white space become one
/// space with none at either end. Two bodies that differ only there are the same text to WhatsApp's spam filter.
/// </summary>
internal static class BodyText
{
    public static string Normal(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var visible = string.Concat(body.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format));
        var folded = visible.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        return string.Join(' ', folded.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
