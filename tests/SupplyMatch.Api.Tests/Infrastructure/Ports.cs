using System.Net;
using System.Net.Sockets;

namespace SupplyMatch.Api.Tests.Infrastructure;

/// <summary>Loopback ports for tests that need a server to be absent.</summary>
public static class Ports
{
    /// <summary>A loopback port nothing listens on (taken from the system, then let go).</summary>
    public static int Closed()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
