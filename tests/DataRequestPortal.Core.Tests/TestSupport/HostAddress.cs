using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>This machine's own addresses, as another service on the portal's host would listen on them.</summary>
public static class HostAddress
{
    /// <summary>An address of one of this machine's interfaces other than loopback (IPv4 first); loopback only when there is nothing else.</summary>
    public static IPAddress NonLoopback()
    {
        var all = NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToList();
        return all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? all.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(a) && !a.IsIPv6LinkLocal)
            ?? IPAddress.Loopback;
    }
}
