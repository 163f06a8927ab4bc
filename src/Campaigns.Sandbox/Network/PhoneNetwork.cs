using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Campaigns.Sandbox.Webhooks;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Network;

/// <summary>
/// The scripted phone network: whether a number is on WhatsApp, whether messages to it fail, whether its owner replies,
/// whether the reply quotes our message and whether it asks to opt out, and whether WhatsApp addresses the number by a
/// LID. Every answer is a stable hash of (seed, question, number) against the configured share, so the same number
/// gets the same answer in every run and on every machine.
/// </summary>
internal sealed class PhoneNetwork(IOptions<NetworkOptions> options, IOptions<WebhookOptions> webhooks, IOptions<SandboxOptions> sandbox)
{
    private static readonly string[] ReplyTexts = ["Thanks!", "Ok 👍", "Who is this?", "Great, see you there", "Received"];

    /// <summary>Opt-out words as people type them: any case, accents, stray spaces, several languages.</summary>
    private static readonly string[] OptOutTexts = ["STOP", "Stop", "stop", " Stop ", "PARAR", "Parar", "cancelár", "Cancelar", "SAIR", "Unsubscribe"];

    private readonly NetworkOptions _options = options.Value;
    private readonly double _lidShare = webhooks.Value.LidShare;
    private readonly string _seed = sandbox.Value.Seed;

    public bool IsOnWhatsApp(string jid)
    {
        var user = Jid.User(jid);
        if (user.Length == 0 || _options.NotOnWhatsAppNumbers.Contains(user))
        {
            return false;
        }

        return _options.OnWhatsAppNumbers.Contains(user) || Draw("exists", user) >= _options.NotOnWhatsAppShare;
    }

    public bool Fails(string jid) => Draw("fail", Jid.User(jid)) < _options.FailShare;

    public bool Replies(string jid) => Draw("reply", Jid.User(jid)) < _options.ReplyShare;

    /// <summary>What the number replies: an opt-out word (in <see cref="NetworkOptions.StopShare"/>) or a chat line.</summary>
    public string ReplyText(string jid)
    {
        var user = Jid.User(jid);
        var texts = IsOptOut(user) ? OptOutTexts : ReplyTexts;
        return texts[(int)(Draw("text", user) * texts.Length)];
    }

    /// <summary>Whether the number's reply quotes the message it answers (<c>contextInfo.stanzaId</c>).</summary>
    public bool Quotes(string jid) => Draw("quote", Jid.User(jid)) < _options.QuoteShare;

    /// <summary>
    /// The number's LID (<c>&lt;15 digits&gt;@lid</c>, stable per number) when WhatsApp addresses it by one
    /// (<see cref="WebhookOptions.LidShare"/>); null when it is addressed by its phone number.
    /// </summary>
    public string? Lid(string jid)
    {
        var user = Jid.User(jid);
        if (Draw("lid", user) >= _lidShare)
        {
            return null;
        }

        var digits = (long)(Draw("lid-digits", user) * 9e14) + 100_000_000_000_000L;
        return digits.ToString(CultureInfo.InvariantCulture) + "@lid";
    }

    private bool IsOptOut(string user) => Draw("stop", user) < _options.StopShare;

    /// <summary>The name a recipient's phone shows as <c>pushName</c>.</summary>
    public static string PushName(string jid)
    {
        var user = Jid.User(jid);
        return "Contact " + (user.Length <= 4 ? user : user[^4..]);
    }

    /// <summary>A number in [0, 1) that depends only on the seed, the question and the key.</summary>
    public double Draw(string question, string key) => Draw(_seed, question, key);

    public static double Draw(string seed, string question, string key)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\n{question}\n{key}"), hash);
        return (BinaryPrimitives.ReadUInt64BigEndian(hash) >> 11) * (1.0 / (1UL << 53));
    }
}
