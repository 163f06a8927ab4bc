using System.Net;
using System.Net.Sockets;

namespace Campaigns.Tests.Shared;

/// <summary>Ports for tests that need a server, or a port where nothing listens: never a fixed one.</summary>
internal static class FreePort
{
    /// <summary>A port nothing listens on (until a test starts something there).</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
