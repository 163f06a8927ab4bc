using System.Text;

namespace Campaigns.Domain.Replies;

/// <summary>
/// The form in which a reply and a keyword are compared: accents removed (Unicode FormD splits them off as combining
/// marks, which are not letters), upper case, and only letters and digits kept. So <c>"  Stop! "</c>, <c>"stop."</c> and <c>"STOP"</c> read alike,
/// <c>"cancelár"</c> reads as <c>CANCELAR</c>, and <c>"opt-out"</c> or <c>"stop all"</c> as <c>OPTOUT</c> and
/// <c>STOPALL</c>; a sentence that contains a keyword (<c>"please don't stop"</c>) stays a different word.
/// </summary>
public static class OptOutText
{
    /// <summary>The comparable form of <paramref name="text"/>; empty when it holds no letter or digit.</summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsLetterOrDigit(c)) // combining marks (the accents FormD split off) are not letters
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
