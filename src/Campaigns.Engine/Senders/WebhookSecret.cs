using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Engine.Senders;

/// <summary>
/// The secret in a sender's webhook URL (<c>/webhooks/evolution/{senderId}/{secret}</c>): 256 random bits; only its
/// SHA-256 is stored, so a leaked database does not let anyone post webhooks.
/// </summary>
internal static class WebhookSecret
{
    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    public static Uri Url(Uri webhookBase, Domain.Senders.SenderId sender, string secret)
    {
        ArgumentNullException.ThrowIfNull(webhookBase);
        return new Uri(webhookBase, $"webhooks/evolution/{sender.Value:N}/{secret}");
    }
}
