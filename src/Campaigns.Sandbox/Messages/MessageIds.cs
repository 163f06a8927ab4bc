using System.Security.Cryptography;

namespace Campaigns.Sandbox.Messages;

/// <summary>Ids shaped like the real ones: WhatsApp web key ids, phone key ids and Prisma cuids.</summary>
internal static class MessageIds
{
    private const string CuidAlphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A key id as a web client (Baileys) makes it: <c>3EB0</c> and 18 upper-case hex digits.</summary>
    public static string NewOutgoingKeyId() => "3EB0" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));

    /// <summary>A key id as a phone makes it: 20 upper-case hex digits.</summary>
    public static string NewIncomingKeyId() => "3A" + Convert.ToHexString(RandomNumberGenerator.GetBytes(9));

    /// <summary>A database row id (Evolution's <c>messageId</c> in <c>messages.update</c>): a 25-character cuid.</summary>
    public static string NewRowId() => "c" + RandomNumberGenerator.GetString(CuidAlphabet, 24);
}
