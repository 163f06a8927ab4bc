namespace Campaigns.Engine.Gateway.Contract;

/// <summary>
/// <c>where.key</c> of <c>/chat/findMessages</c>. Quirk: the gateway ignores <c>fromMe: false</c> (a falsy filter is
/// dropped), so only <see langword="true"/> narrows the search.
/// </summary>
/// <param name="Id">The WhatsApp message id (<c>key.id</c>).</param>
internal sealed record FindMessagesKey(string? Id = null, string? RemoteJid = null, bool? FromMe = null);
