using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>One recipient's message body as it is sent, and the hash the variation rule counts it by.</summary>
/// <param name="Text">The body (a media message's caption, possibly empty), cleaned as <see cref="MessageBody.Clean"/> does.</param>
/// <param name="BodyHash">The 32-byte SHA-256 of the body's normal form (<see cref="MessageBody.Hash"/>); compared by content, not reference.</param>
internal sealed record RenderedMessage(string Text, byte[] BodyHash)
{
    /// <summary>The first 8 bytes of <see cref="BodyHash"/>, the key under which bodies are counted in memory.</summary>
    public ulong Key => ChoiceHash.Key(BodyHash);
}
