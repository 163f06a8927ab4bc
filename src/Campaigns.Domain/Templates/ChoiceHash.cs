using System.Buffers.Binary;

namespace Campaigns.Domain.Templates;

/// <summary>
/// The stable hash behind every per-recipient choice (a spintax group, a <c>pick</c>): a function of the campaign's
/// seed, the recipient's number and the choice's position only, the same on every machine and in every process
/// (unlike <see cref="string.GetHashCode()"/>, which is randomised per process). So the same recipient always gets the
/// same text for the same campaign, and re-rendering never changes what someone was sent.
/// </summary>
public static class ChoiceHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;
    private const ulong Golden = 0x9E3779B97F4A7C15;

    /// <summary>The recipient's hash: FNV-1a over the seed's bytes and the number's characters, then mixed.</summary>
    public static ulong ForRecipient(Guid seed, string phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        Span<byte> bytes = stackalloc byte[16];
        seed.TryWriteBytes(bytes); // a fixed byte order on every platform
        var hash = FnvOffset;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * FnvPrime;
        }

        foreach (var c in phone)
        {
            hash = (hash ^ c) * FnvPrime;
        }

        return Mix(hash);
    }

    /// <summary>The option, from 0 to <paramref name="count"/> − 1, of the recipient's <paramref name="index"/>-th choice.</summary>
    public static int Choose(ulong recipient, int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var mixed = Mix(recipient + ((ulong)index + 1) * Golden);
        return (int)(((mixed >> 32) * (ulong)count) >> 32); // Lemire's reduction: unbiased enough for small counts
    }

    /// <summary>A 64-bit key of a 32-byte body hash, for counting bodies in memory.</summary>
    public static ulong Key(ReadOnlySpan<byte> bodyHash) => BinaryPrimitives.ReadUInt64LittleEndian(bodyHash);

    // SplitMix64's finaliser: every input bit affects every output bit.
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
