using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Tests.Shared;

/// <summary>One post an <see cref="AlertReceiver"/> got.</summary>
internal sealed record AlertPost(string Path, string Signature, string EventId, string? ContentType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>Whether <see cref="Signature"/> is <c>t=…,v1=…</c> with v1 the HMAC-SHA256 of <c>"{t}.{body}"</c> keyed with <paramref name="secret"/>, computed here as a receiver would.</summary>
    public bool IsSignedWith(string secret)
    {
        var parts = Signature.Split(',').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p.Length > 1 ? p[1] : "");
        if (!parts.TryGetValue("t", out var t) || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            || !parts.TryGetValue("v1", out var v1))
        {
            return false;
        }

        byte[] signed = [.. Encoding.UTF8.GetBytes(t + "."), .. Body];
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return CryptographicOperations.FixedTimeEquals(expected, Convert.FromHexString(v1));
    }
}
