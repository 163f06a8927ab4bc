using Campaigns.Engine.Security;

namespace Campaigns.Engine.Tenants;

/// <summary>API keys: <c>cmp_</c> followed by a <see cref="SecretToken"/>. Only <see cref="Hash"/> of a key is stored.</summary>
internal static class ApiKey
{
    public const string Prefix = "cmp_";

    public static string Generate() => Prefix + SecretToken.Generate();

    public static byte[] Hash(string key) => SecretToken.Hash(key);

    /// <summary>The first characters of a key, kept to tell keys apart in listings without revealing them.</summary>
    public static string Shown(string key) => key.Length <= 10 ? key : key[..10];
}
