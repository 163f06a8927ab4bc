using System.Numerics;

namespace Campaigns.Engine.Contacts;

/// <summary>
/// A Bloom filter of E.164 numbers in a fixed amount of memory: <see cref="MayContain"/> never answers false for a number
/// that was added, and answers true for one that was not with a small probability (under 1% up to about 10 million
/// numbers at the largest size). The import uses it to send numbers that are certainly new straight to the contacts
/// table, and only the others through the slower duplicate-checking path, where PostgreSQL decides exactly.
/// </summary>
internal sealed class PhoneFilter
{
    private const int Hashes = 4;
    private readonly ulong[] _bits;
    private readonly ulong _mask;

    /// <param name="expected">How many numbers are expected; sizes the filter between 64 Kbit and 128 Mbit (16 MiB).</param>
    public PhoneFilter(long expected)
    {
        var bits = BitOperations.RoundUpToPowerOf2((ulong)Math.Clamp(expected * 12, 1L << 16, 1L << 27));
        _bits = new ulong[bits / 64];
        _mask = bits - 1;
    }

    public void Add(string e164)
    {
        var (h1, h2) = Hash(e164);
        for (var i = 0UL; i < Hashes; i++)
        {
            var bit = (h1 + (i * h2)) & _mask;
            _bits[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    public bool MayContain(string e164)
    {
        var (h1, h2) = Hash(e164);
        for (var i = 0UL; i < Hashes; i++)
        {
            var bit = (h1 + (i * h2)) & _mask;
            if ((_bits[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    // The digits of an E.164 number (at most 15) fit in a ulong; two SplitMix64 finalisers give the double hashing.
    private static (ulong, ulong) Hash(string e164)
    {
        var value = 0UL;
        for (var i = 1; i < e164.Length; i++)
        {
            value = (value * 10) + (ulong)(e164[i] - '0');
        }

        return (Mix(value), Mix(value ^ 0x9E3779B97F4A7C15UL) | 1);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
