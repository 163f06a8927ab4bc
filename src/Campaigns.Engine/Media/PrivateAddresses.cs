using System.Net;
using System.Net.Sockets;

namespace Campaigns.Engine.Media;

/// <summary>
/// Addresses the media pre-flight must not reach unless <see cref="MediaOptions.AllowPrivateAddresses"/>: this machine,
/// private and carrier-grade NAT networks, link-local (cloud metadata services live there), multicast and unspecified.
/// IPv4-mapped IPv6 addresses are judged as their IPv4 address.
/// </summary>
internal static class PrivateAddresses
{
    public static bool Contains(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily is AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return b[0] is 0 or 10 or 127 or >= 224
                   || (b[0] == 169 && b[1] == 254)
                   || (b[0] == 172 && b[1] is >= 16 and < 32)
                   || (b[0] == 192 && b[1] == 168)
                   || (b[0] == 100 && b[1] is >= 64 and < 128);
        }

        return IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal
               || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || address.IsIPv6Multicast;
    }
}
