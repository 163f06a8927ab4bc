using System.Security.Cryptography;

namespace Campaigns.Tests.Shared;

/// <summary>
/// Signing keys of the API's bearer tokens (section <c>Tokens</c>) for test hosts, as <c>scripts/run</c> makes one:
/// 32 random bytes. <see cref="Default"/> is one key per test run, configured by every fixture that hosts the API.
/// </summary>
internal static class TestSigningKeys
{
    public static (string Id, string Secret) Default { get; } = New("tests");

    /// <summary>A new key named <paramref name="id"/> with a random secret.</summary>
    public static (string Id, string Secret) New(string id) => (id, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The settings of <paramref name="keys"/> in order: the first signs, all verify.</summary>
    public static Dictionary<string, string?> Settings(params (string Id, string Secret)[] keys)
    {
        var settings = new Dictionary<string, string?>();
        for (var i = 0; i < keys.Length; i++)
        {
            settings[$"Tokens:SigningKeys:{i}:Id"] = keys[i].Id;
            settings[$"Tokens:SigningKeys:{i}:Secret"] = keys[i].Secret;
        }

        return settings;
    }
}
