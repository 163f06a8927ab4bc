using System.Net;

namespace Campaigns.Engine.Media;

/// <summary>The pre-flight's connection refused a host that resolves to a non-public address (<see cref="PrivateAddresses"/>).</summary>
internal sealed class MediaAddressRefusedException(string host, IPAddress address)
    : Exception($"'{host}' resolves to {address}, which is not a public address.")
{
    public string Host { get; } = host;

    public IPAddress Address { get; } = address;
}
