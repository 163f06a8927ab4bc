using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Campaigns.Sandbox.Network;

/// <summary>
/// The scripted phone network: whether a number is on WhatsApp, whether messages to it fail, whether its owner replies
/// and whether the reply is STOP. Every answer is a stable hash of (seed, question, number) against the configured
/// share, so the same number gets the same answer in every run and on every machine.
/// </summary>
internal sealed class PhoneNetwork(IOptions<NetworkOptions> options, IOptions<SandboxOptions> sandbox)
{
    private static readonly string[] ReplyTexts = ["Thanks!", "Ok 👍", "Who is this?", "Great, see you there", "Received"];

    private readonly NetworkOptions _options = options.Value;
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

    public string ReplyText(string jid)
    {
        var user = Jid.User(jid);
        return Draw("stop", user) < _options.StopShare ? "STOP" : ReplyTexts[(int)(Draw("text", user) * ReplyTexts.Length)];
    }

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
