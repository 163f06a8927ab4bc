namespace Campaigns.Sandbox.Messages;

/// <summary>Baileys' message key. The WhatsApp message id is <see cref="Id"/>.</summary>
internal sealed record MessageKey(string RemoteJid, bool FromMe, string Id);
