using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Domain.Templates;

/// <summary>
/// A rendered message body: the text that is sent, and the normal form and hash under which two bodies count as the
/// same for the content-variation rule.
/// </summary>
public static class MessageBody
{
    /// <summary>The length of <see cref="Hash"/>: a SHA-256, 32 bytes.</summary>
    public const int HashLength = 32;

    /// <summary>The text to send: line breaks made <c>\n</c>, white space at both ends removed. Nothing else changes.</summary>
    public static string Clean(string rendered)
    {
        ArgumentNullException.ThrowIfNull(rendered);
        var text = rendered.Contains('\r', StringComparison.Ordinal)
            ? rendered.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n')
            : rendered;
        return text.Trim();
    }

    /// <summary>
    /// The form in which bodies are compared: invisible format characters (zero-width spaces and joiners, U+FEFF…)
    /// removed, Unicode NFKC (so full-width and other look-alike compatibility forms fold to their plain letters; NFKC
    /// includes NFC), lower case, and every run of white space made one space with none at the ends. Texts that differ
    /// only in ways a reader — or a spam filter — cannot see count as the same text, so that invisible or cosmetic
    /// differences never pass for variation.
    /// </summary>
    public static string Normalize(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var builder = new StringBuilder(body.Length);
        foreach (var c in body)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                builder.Append(c);
            }
        }

        var text = builder.ToString();
        if (!text.IsNormalized(NormalizationForm.FormKC))
        {
            text = text.Normalize(NormalizationForm.FormKC);
        }

        builder.Clear();
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    /// <summary>The SHA-256 of the UTF-8 of <see cref="Normalize"/>(<paramref name="body"/>): the same for bodies that count as the same.</summary>
    public static byte[] Hash(string body)
    {
        var normal = Normalize(body);
        var hash = new byte[HashLength];
        var length = Encoding.UTF8.GetMaxByteCount(normal.Length);
        var rented = length <= 1024 ? null : ArrayPool<byte>.Shared.Rent(length);
        try
        {
            Span<byte> buffer = rented ?? stackalloc byte[1024];
            var written = Encoding.UTF8.GetBytes(normal, buffer);
            SHA256.HashData(buffer[..written], hash);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }

        return hash;
    }
}
