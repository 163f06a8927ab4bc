using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Engine.Security;

/// <summary>
/// Secrets we hand out (API keys, webhook URL secrets): 256 random bits in base64url. Only <see cref="Hash"/> of one is
/// stored: the secret is random, so a plain SHA-256 is enough and can be looked up by an index (a salted, slow hash could not).
/// </summary>
internal static class SecretToken
{
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return SHA256.HashData(Encoding.UTF8.GetBytes(token));
    }
}
