using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Engine.Tenants;

/// <summary>
/// API keys: <c>cmp_</c> followed by 256 random bits in base64url. Only <see cref="Hash"/> of a key is stored.
/// </summary>
internal static class ApiKey
{
    public const string Prefix = "cmp_";

    public static string Generate() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return SHA256.HashData(Encoding.UTF8.GetBytes(key));
    }

    /// <summary>The first characters of a key, kept to tell keys apart in listings without revealing them.</summary>
    public static string Shown(string key) => key.Length <= 10 ? key : key[..10];

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
