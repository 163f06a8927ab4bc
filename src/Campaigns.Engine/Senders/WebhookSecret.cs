using Campaigns.Engine.Security;

namespace Campaigns.Engine.Senders;

/// <summary>
/// The secret in a sender's webhook URL (<c>/webhooks/evolution/{senderId}/{secret}</c>): a <see cref="SecretToken"/>;
/// only its hash is stored, so a leaked database does not let anyone post webhooks.
/// </summary>
internal static class WebhookSecret
{
    public static string Generate() => SecretToken.Generate();

    public static byte[] Hash(string secret) => SecretToken.Hash(secret);

    public static Uri Url(Uri webhookBase, Domain.Senders.SenderId sender, string secret)
    {
        ArgumentNullException.ThrowIfNull(webhookBase);
        return new Uri(webhookBase, $"webhooks/evolution/{sender.Value:N}/{secret}");
    }
}
