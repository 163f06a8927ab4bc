using System.Globalization;
using System.Net;

namespace Campaigns.Engine.Senders;

/// <summary>
/// The canonical key of one gateway instance, <c>scheme://host:port/path/instance</c>, stored as
/// <c>senders.instance_endpoint</c> (unique among all tenants' senders): the scheme and host in lower case, every
/// spelling of this machine (<c>localhost</c>, <c>127.0.0.0/8</c>, <c>::1</c>, <c>0.0.0.0</c>, <c>::</c>, an IPv4-mapped
/// loopback) as <c>loopback</c>, IP literals in their normal form (<c>127.1</c> and <c>2130706433</c> are
/// <c>127.0.0.1</c>; IPv6 compressed), the port even when it is the scheme's default, the path without its trailing
/// <c>/</c>, then the instance name (escaped; names are case-sensitive at the gateway). Names are not resolved: two host
/// names of one server give two keys, and then the linked number's uniqueness is the guard.
/// </summary>
internal static class InstanceEndpoint
{
    public const string Loopback = "loopback";

    public static string Of(Uri gatewayUrl, string instance)
    {
        ArgumentNullException.ThrowIfNull(gatewayUrl);
        ArgumentException.ThrowIfNullOrEmpty(instance);
        var path = gatewayUrl.AbsolutePath.TrimEnd('/');
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{gatewayUrl.Scheme.ToLowerInvariant()}://{Host(gatewayUrl)}:{gatewayUrl.Port}{path}/{Uri.EscapeDataString(instance)}");
    }

    private static string Host(Uri url)
    {
        if (url.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                address.ScopeId = 0;
            }

            return IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
                ? Loopback
                : address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
        }

        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        return host == "localhost" || host.EndsWith(".localhost", StringComparison.Ordinal) ? Loopback : host;
    }
}
