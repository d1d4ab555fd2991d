using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace DataRequestPortal.Core.Delivery;

/// <summary>
/// Keeps report deliveries off the portal's own networks and host: a target must resolve only to global unicast
/// addresses (the IANA IPv4 and IPv6 Special-Purpose Address Registries) that are not this host's own, unless
/// <c>Delivery:AllowPrivateNetworkTargets</c> is set.
/// </summary>
public static class TargetAddressGuard
{
    private const string HostOwn = "an address of the portal's own host";

    // Most specific first: the first block that holds an address names it.
    private static readonly (IPNetwork Block, string Name)[] SpecialIPv4 =
    [
        (IPNetwork.Parse("0.0.0.0/32"), "unspecified"),
        (IPNetwork.Parse("0.0.0.0/8"), "\"this network\", 0.0.0.0/8"),
        (IPNetwork.Parse("10.0.0.0/8"), "private"),
        (IPNetwork.Parse("100.64.0.0/10"), "shared (CGNAT)"),
        (IPNetwork.Parse("127.0.0.0/8"), "loopback"),
        (IPNetwork.Parse("169.254.0.0/16"), "link-local"),
        (IPNetwork.Parse("172.16.0.0/12"), "private"),
        (IPNetwork.Parse("192.0.0.0/24"), "IETF protocol assignments, 192.0.0.0/24"),
        (IPNetwork.Parse("192.0.2.0/24"), "documentation, TEST-NET-1"),
        (IPNetwork.Parse("192.88.99.0/24"), "6to4 relay anycast, deprecated"),
        (IPNetwork.Parse("192.168.0.0/16"), "private"),
        (IPNetwork.Parse("198.18.0.0/15"), "benchmarking, 198.18.0.0/15"),
        (IPNetwork.Parse("198.51.100.0/24"), "documentation, TEST-NET-2"),
        (IPNetwork.Parse("203.0.113.0/24"), "documentation, TEST-NET-3"),
        (IPNetwork.Parse("224.0.0.0/4"), "multicast"),
        (IPNetwork.Parse("255.255.255.255/32"), "limited broadcast"),
        (IPNetwork.Parse("240.0.0.0/4"), "reserved, 240.0.0.0/4"),
    ];

    // Everything outside 2000::/3 is refused anyway; these give the refusal its name. None of 2001::/23 is a
    // plausible receiver, and its anycast members reach infrastructure next to the portal, so all of it is refused.
    private static readonly (IPNetwork Block, string Name)[] SpecialIPv6 =
    [
        (IPNetwork.Parse("::/128"), "unspecified"),
        (IPNetwork.Parse("::1/128"), "loopback"),
        (IPNetwork.Parse("::ffff:0:0:0/96"), "IPv4-translated, ::ffff:0:0:0/96"),
        (IPNetwork.Parse("::/96"), "IPv4-compatible, deprecated"),
        (IPNetwork.Parse("64:ff9b::/96"), "NAT64, 64:ff9b::/96"),
        (IPNetwork.Parse("64:ff9b:1::/48"), "local-use NAT64, 64:ff9b:1::/48"),
        (IPNetwork.Parse("100::/64"), "discard-only, 100::/64"),
        (IPNetwork.Parse("100:0:0:1::/64"), "dummy prefix, 100:0:0:1::/64"),
        (IPNetwork.Parse("fc00::/7"), "unique-local"),
        (IPNetwork.Parse("fe80::/10"), "link-local"),
        (IPNetwork.Parse("fec0::/10"), "site-local, deprecated"),
        (IPNetwork.Parse("ff00::/8"), "multicast"),
        (IPNetwork.Parse("2001::/32"), "Teredo, 2001::/32"),
        (IPNetwork.Parse("2001:2::/48"), "benchmarking, 2001:2::/48"),
        (IPNetwork.Parse("2001::/23"), "IETF protocol assignments, 2001::/23"),
        (IPNetwork.Parse("2001:db8::/32"), "documentation, 2001:db8::/32"),
        (IPNetwork.Parse("3fff::/20"), "documentation, 3fff::/20"),
        (IPNetwork.Parse("5f00::/16"), "SRv6 segment identifiers, 5f00::/16"),
    ];

    private static readonly IPNetwork GlobalUnicastIPv6 = IPNetwork.Parse("2000::/3");

    private static readonly IPNetwork SixToFour = IPNetwork.Parse("2002::/16");

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
            IReadOnlyList<IPAddress> own;
            try
            {
                own = HostAddresses();
            }
            catch (NetworkInformationException ex)
            {
                return (null, $"Refused: this host's own addresses could not be read ({ex.Message}), so no target can be judged safe.");
            }

            // Every address is checked, so a name mixing public and private answers cannot slip through on a second try.
            foreach (var address in addresses)
            {
                if (Describe(address, own) is { } kind)
                {
                    return (null, $"Refused: {host} resolves to {address} ({kind}); report targets must be public addresses unless Delivery:AllowPrivateNetworkTargets is set.");
                }
            }
        }

        return (addresses[0], null);
    }

    /// <summary>Why a target at <paramref name="address"/> is refused on this host (its own addresses in <paramref name="hostAddresses"/>), or null when it may be used.</summary>
    public static string? Describe(IPAddress address, IEnumerable<IPAddress> hostAddresses)
    {
        ArgumentNullException.ThrowIfNull(hostAddresses);
        var kind = Describe(address);
        var reached = EmbeddedIPv4(address) ?? address;
        if (IPAddress.IsLoopback(reached))
        {
            return kind;
        }

        return hostAddresses.Any(h => SameAddress(h, reached) || SameAddress(h, address)) ? HostOwn : kind;
    }

    /// <summary>
    /// The kind of special-purpose or non-global network an address belongs to, or null when it is global unicast;
    /// an IPv4 address inside an IPv4-mapped or 6to4 address is judged as IPv4.
    /// </summary>
    public static string? Describe(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.IsIPv4MappedToIPv6)
        {
            return Describe(address.MapToIPv4());
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return Name(SpecialIPv4, address);
        }

        address = WithoutScope(address);
        if (SixToFour.Contains(address))
        {
            var inner = EmbeddedIPv4(address)!;
            return Describe(inner) is { } kind ? $"6to4 for {inner}, {kind}" : null;
        }

        return Name(SpecialIPv6, address)
            ?? (GlobalUnicastIPv6.Contains(address) ? null : "reserved, outside the global unicast range 2000::/3");
    }

    public static bool IsPublic(IPAddress address) => Describe(address) is null;

    /// <summary>Every address of this host's network interfaces, loopback included.</summary>
    public static IReadOnlyList<IPAddress> HostAddresses() =>
        [.. NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address)];

    private static string? Name((IPNetwork Block, string Name)[] blocks, IPAddress address)
    {
        foreach (var (block, name) in blocks)
        {
            if (block.Contains(address))
            {
                return name;
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv4-mapped or 6to4 address leads to, or null.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 && SixToFour.Contains(WithoutScope(address))
            ? new IPAddress(address.GetAddressBytes().AsSpan(2, 4))
            : null;
    }

    private static bool SameAddress(IPAddress a, IPAddress b)
    {
        var left = a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a;
        var right = b.IsIPv4MappedToIPv6 ? b.MapToIPv4() : b;
        return left.AddressFamily == right.AddressFamily && left.GetAddressBytes().AsSpan().SequenceEqual(right.GetAddressBytes());
    }

    // A zone (fe80::1%eth0) says which interface to use, not which address; the registries ignore it.
    private static IPAddress WithoutScope(IPAddress address) =>
        address.ScopeId == 0 ? address : new IPAddress(address.GetAddressBytes());
}
