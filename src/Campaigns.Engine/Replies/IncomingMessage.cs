using System.Globalization;
using System.Text.Json;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Templates;
using NodaTime;

namespace Campaigns.Engine.Replies;

/// <summary>
/// A message a contact sent to a sender, read from a <c>messages.upsert</c> webhook (CONTRACT §6a) by
/// <see cref="Read"/>: its WhatsApp id (<c>key.id</c>), the chat's jid (<c>key.remoteJid</c>, an <c>@lid</c> id on
/// v2.3.x servers), the phone (E.164) from whichever of <c>remoteJid</c> and <c>remoteJidAlt</c> is a phone jid, the
/// id of the message it quotes, its text and when it was sent.
/// </summary>
/// <param name="Jids">Every jid the chat was named by (<c>remoteJid</c>, <c>remoteJidAlt</c>): a campaign message is matched by its <c>jid</c> too.</param>
/// <param name="QuotedId">The WhatsApp id of the message it answers (<c>contextInfo.stanzaId</c>); null when it quotes none.</param>
/// <param name="Text">The text (or a media caption), at most <see cref="WhatsAppLimits.TextLength"/> characters; null when it has none.</param>
internal sealed record IncomingMessage(string Id, string RemoteJid, string? Phone, IReadOnlyList<string> Jids, string? QuotedId, string? Text, Instant SentAt)
{
    // Messages wrapped in another (disappearing, view-once, a document with a caption) carry theirs under `message`.
    private static readonly string[] Wrappers = ["ephemeralMessage", "viewOnceMessage", "viewOnceMessageV2", "viewOnceMessageV2Extension", "documentWithCaptionMessage"];

    private static readonly string[] Captioned = ["imageMessage", "videoMessage", "documentMessage"];

    /// <summary>
    /// The contact's message in <paramref name="payload"/> (the stored envelope), or null when there is none to apply:
    /// our own (<c>fromMe</c>: a message typed on the phone), a group, a broadcast or status, a channel, a protocol
    /// message (a deletion), or a body without <c>key.id</c>.
    /// </summary>
    /// <param name="receivedAt">When it reached us: its time when <c>messageTimestamp</c> is missing or implausible.</param>
    public static IncomingMessage? Read(JsonElement payload, Instant receivedAt)
    {
        if (payload.ValueKind != JsonValueKind.Object || !payload.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var id = String(key, "id");
        var remoteJid = String(key, "remoteJid");
        if (id is null || remoteJid is null || Bool(key, "fromMe") || !IsChat(remoteJid))
        {
            return null;
        }

        var message = data.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? Unwrap(m) : default;
        if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("protocolMessage", out _))
        {
            return null;
        }

        var alt = String(key, "remoteJidAlt");
        var jids = alt is null || alt == remoteJid ? new[] { remoteJid } : [remoteJid, alt];
        return new IncomingMessage(
            id, remoteJid, PhoneOf(remoteJid) ?? (alt is null ? null : PhoneOf(alt)), jids, QuotedIdOf(data, message), Truncate(TextOf(message)),
            SentAtOf(data, receivedAt));
    }

    /// <summary>The E.164 number of a phone jid (<c>254712345678@s.whatsapp.net</c>, v1's <c>@c.us</c>, a device suffix <c>:12</c> dropped); null for any other.</summary>
    public static string? PhoneOf(string jid)
    {
        ArgumentNullException.ThrowIfNull(jid);
        var at = jid.IndexOf('@', StringComparison.Ordinal);
        if (at < 0 || jid[(at + 1)..] is not ("s.whatsapp.net" or "c.us"))
        {
            return null;
        }

        var user = jid[..at];
        var colon = user.IndexOf(':', StringComparison.Ordinal);
        var phone = PhoneNumber.Parse("+" + (colon < 0 ? user : user[..colon]));
        return phone.IsSuccess ? phone.Value.Value : null;
    }

    /// <summary>A one-to-one chat: not a group (<c>@g.us</c>), a broadcast list or status (<c>@broadcast</c>) or a channel (<c>@newsletter</c>).</summary>
    private static bool IsChat(string jid) =>
        !jid.EndsWith("@g.us", StringComparison.Ordinal) && !jid.EndsWith("@broadcast", StringComparison.Ordinal)
        && !jid.EndsWith("@newsletter", StringComparison.Ordinal);

    private static JsonElement Unwrap(JsonElement message)
    {
        for (var depth = 0; depth < 3; depth++)
        {
            var inner = Wrappers.Select(w => message.TryGetProperty(w, out var wrapper) && wrapper.ValueKind == JsonValueKind.Object
                    && wrapper.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.Object ? m : default)
                .FirstOrDefault(m => m.ValueKind == JsonValueKind.Object);
            if (inner.ValueKind != JsonValueKind.Object)
            {
                break;
            }

            message = inner;
        }

        return message;
    }

    /// <summary><c>contextInfo.stanzaId</c> beside the message (v2 lifts it there), else inside the message's content (<c>extendedTextMessage.contextInfo</c>…).</summary>
    private static string? QuotedIdOf(JsonElement data, JsonElement message)
    {
        if (StanzaId(data) is { } atData)
        {
            return atData;
        }

        if (message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var content in message.EnumerateObject())
        {
            if (content.Value.ValueKind == JsonValueKind.Object && StanzaId(content.Value) is { } inside)
            {
                return inside;
            }
        }

        return null;
    }

    private static string? StanzaId(JsonElement holder) =>
        holder.TryGetProperty("contextInfo", out var context) && context.ValueKind == JsonValueKind.Object ? String(context, "stanzaId") : null;

    /// <summary><c>conversation</c>, <c>extendedTextMessage.text</c> (v1; v2 moves it to <c>conversation</c>), or an image's, video's or document's caption.</summary>
    private static string? TextOf(JsonElement message)
    {
        if (message.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (String(message, "conversation") is { Length: > 0 } conversation)
        {
            return conversation;
        }

        if (message.TryGetProperty("extendedTextMessage", out var extended) && extended.ValueKind == JsonValueKind.Object
            && String(extended, "text") is { Length: > 0 } text)
        {
            return text;
        }

        foreach (var type in Captioned)
        {
            if (message.TryGetProperty(type, out var media) && media.ValueKind == JsonValueKind.Object
                && String(media, "caption") is { Length: > 0 } caption)
            {
                return caption;
            }
        }

        return null;
    }

    private static string? Truncate(string? text)
    {
        if (text is null || text.Length <= WhatsAppLimits.TextLength)
        {
            return text;
        }

        var end = WhatsAppLimits.TextLength;
        if (char.IsHighSurrogate(text[end - 1]))
        {
            end--; // never half a surrogate pair
        }

        return text[..end];
    }

    /// <summary><c>messageTimestamp</c> (unix seconds, a number or, on v1, a string) when within a week before and an hour after it reached us.</summary>
    private static Instant SentAtOf(JsonElement data, Instant receivedAt)
    {
        if (!data.TryGetProperty("messageTimestamp", out var stamp))
        {
            return receivedAt;
        }

        long seconds;
        if (stamp.ValueKind == JsonValueKind.Number && stamp.TryGetInt64(out var number))
        {
            seconds = number;
        }
        else if (stamp.ValueKind == JsonValueKind.String && long.TryParse(stamp.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var text))
        {
            seconds = text;
        }
        else
        {
            return receivedAt;
        }

        if (seconds < receivedAt.Minus(Duration.FromDays(7)).ToUnixTimeSeconds() || seconds > receivedAt.Plus(Duration.FromHours(1)).ToUnixTimeSeconds())
        {
            return receivedAt;
        }

        return Instant.FromUnixTimeSeconds(seconds);
    }

    private static string? String(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static bool Bool(JsonElement holder, string name) =>
        holder.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}
