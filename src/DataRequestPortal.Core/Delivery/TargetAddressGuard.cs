using System.Net;
using System.Net.Sockets;

namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// Keeps report deliveries off the portal's own networks: a target must resolve only to public addresses, unless
/// <c>Delivery:AllowPrivateNetworkTargets</c> is set.
/// </summary>
public static class TargetAddressGuard
{
    /// <summary>The address to connect to, or why the host is refused; a name that does not resolve throws <see cref="SocketException"/>.</summary>
    public static async Task<(IPAddress? Address, string? Refusal)> ResolveAsync(string host, bool allowPrivate, CancellationToken cancellationToken)
    {
        var literal = host.Trim('[', ']');
        var addresses = IPAddress.TryParse(literal, out var parsed)
            ? [parsed]
            : await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        if (!allowPrivate)
        {
            // Every address is checked, so a name mixing public and private answers cannot slip through on a second try.
            var refused = addresses.FirstOrDefault(a => !IsPublic(a));
            if (refused is not null)
            {
                return (null, $"Refused: {host} resolves to {refused}, a {Describe(refused)} address; report targets must be public (Delivery:AllowPrivateNetworkTargets).");
            }
        }

        return (addresses[0], null);
    }

    public static bool IsPublic(IPAddress address) => Describe(address) is null;

    /// <summary>The kind of non-public network an address belongs to, or null when it is public.</summary>
    public static string? Describe(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] switch
            {
                0 => "unspecified",
                127 => "loopback",
                10 => "private",
                172 when b[1] is >= 16 and <= 31 => "private",
                192 when b[1] == 168 => "private",
                169 when b[1] == 254 => "link-local",
                100 when b[1] is >= 64 and <= 127 => "shared (CGNAT)",
                >= 224 and <= 239 => "multicast",
                >= 240 => "reserved",
                _ => null,
            };
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified";
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link-local";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "unique-local";
        }

        return address.IsIPv6Multicast ? "multicast" : null;
    }
}
