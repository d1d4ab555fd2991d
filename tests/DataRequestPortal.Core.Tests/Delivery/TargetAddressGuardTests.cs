using System.Net;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Delivery;

public class TargetAddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.0.0.1", "private")]
    [InlineData("172.16.0.1", "private")]
    [InlineData("172.31.255.255", "private")]
    [InlineData("192.168.1.1", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "shared (CGNAT)")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("::1", "loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("::ffff:10.0.0.1", "private")]
    public void Describe_NonPublicAddress_NamesItsNetwork(string address, string kind) =>
        Assert.Equal(kind, TargetAddressGuard.Describe(IPAddress.Parse(address)));

    [Theory]
    [InlineData("0.0.0.1", "this network")]
    [InlineData("0.255.255.255", "this network")]
    [InlineData("192.0.0.0", "IETF protocol assignments")]
    [InlineData("192.0.0.9", "IETF protocol assignments")]
    [InlineData("192.0.0.255", "IETF protocol assignments")]
    [InlineData("192.0.2.0", "documentation")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("192.0.2.255", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("198.18.0.0", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("198.51.100.0", "documentation")]
    [InlineData("198.51.100.255", "documentation")]
    [InlineData("203.0.113.0", "documentation")]
    [InlineData("203.0.113.255", "documentation")]
    [InlineData("239.255.255.255", "multicast")]
    [InlineData("240.0.0.0", "reserved")]
    [InlineData("254.255.255.255", "reserved")]
    [InlineData("255.255.255.255", "broadcast")]
    [InlineData("127.255.255.255", "loopback")]
    [InlineData("100.127.255.255", "shared")]
    public void Describe_SpecialPurposeIPv4_IsRefusedWithItsBlock(string address, string kind) =>
        Assert.Contains(kind, TargetAddressGuard.Describe(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("::127.0.0.1", "IPv4-compatible")]
    [InlineData("::8.8.8.8", "IPv4-compatible")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("::ffff:192.0.2.1", "documentation")]
    [InlineData("::ffff:0:127.0.0.1", "IPv4-translated")]
    [InlineData("::ffff:0:8.8.8.8", "IPv4-translated")]
    [InlineData("64:ff9b::127.0.0.1", "NAT64")]
    [InlineData("64:ff9b::8.8.8.8", "NAT64")]
    [InlineData("64:ff9b::ffff:ffff", "NAT64")]
    [InlineData("64:ff9b:1::a00:1", "local-use NAT64")]
    [InlineData("64:ff9b:1:ffff:ffff:ffff:ffff:ffff", "local-use NAT64")]
    [InlineData("2002:7f00:1::1", "6to4 for 127.0.0.1, loopback")]
    [InlineData("2002:a00:1::", "6to4 for 10.0.0.1, private")]
    [InlineData("2002:c000:201::1", "6to4 for 192.0.2.1, documentation")]
    [InlineData("2002:a9fe:a9fe::1", "6to4 for 169.254.169.254, link-local")]
    [InlineData("100::", "discard-only")]
    [InlineData("100::ffff:ffff:ffff:ffff", "discard-only")]
    [InlineData("100:0:0:1::1", "dummy prefix")]
    [InlineData("2001::", "Teredo")]
    [InlineData("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo")]
    [InlineData("2001:0:ffff:ffff:ffff:ffff:ffff:ffff", "Teredo")]
    [InlineData("2001:1::1", "IETF protocol assignments")]
    [InlineData("2001:2::1", "benchmarking")]
    [InlineData("2001:20::1", "IETF protocol assignments")]
    [InlineData("2001:1ff:ffff:ffff:ffff:ffff:ffff:ffff", "IETF protocol assignments")]
    [InlineData("2001:db8::", "documentation")]
    [InlineData("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", "documentation")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("3fff:fff:ffff:ffff:ffff:ffff:ffff:ffff", "documentation")]
    [InlineData("5f00::1", "SRv6")]
    [InlineData("5f00:ffff::1", "SRv6")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("4000::1", "outside the global unicast range")]
    [InlineData("1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "outside the global unicast range")]
    [InlineData("fe80::1%2", "link-local")]
    public void Describe_SpecialPurposeOrEmbeddedIPv6_IsRefusedWithItsBlock(string address, string kind) =>
        Assert.Contains(kind, TargetAddressGuard.Describe(IPAddress.Parse(address)), StringComparison.Ordinal);

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("1.1.1.1")]
    [InlineData("9.9.9.9")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("192.0.1.255")]
    [InlineData("192.0.3.0")]
    [InlineData("198.17.255.255")]
    [InlineData("198.20.0.0")]
    [InlineData("223.255.255.255")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("2001:4860:4860::8888")]
    [InlineData("2606:2800:220:1::1")]
    [InlineData("2001:200::1")]
    [InlineData("2001:db7:ffff::1")]
    [InlineData("2001:db9::1")]
    [InlineData("2002:808:808::1")]
    [InlineData("3ffe:ffff::1")]
    [InlineData("3fff:1000::1")]
    public void IsPublic_GlobalUnicastAddress_True(string address) =>
        Assert.True(TargetAddressGuard.IsPublic(IPAddress.Parse(address)), TargetAddressGuard.Describe(IPAddress.Parse(address)));

    [Fact]
    public async Task ResolveAsync_AnAddressOfThisHost_IsRefused()
    {
        var own = HostAddress.NonLoopback();

        var (address, refusal) = await TargetAddressGuard.ResolveAsync(own.ToString(), allowPrivate: false, CancellationToken.None);

        Assert.Null(address);
        Assert.Contains("the portal's own host", refusal, StringComparison.Ordinal);
        Assert.Contains("Delivery:AllowPrivateNetworkTargets", refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ThisHostsAddressEmbeddedIn6to4_IsRefusedAsTheHostsOwn()
    {
        var host = IPAddress.Parse("93.184.216.34");
        var sixToFour = IPAddress.Parse("2002:5db8:d822::1");

        Assert.True(TargetAddressGuard.IsPublic(sixToFour));
        Assert.Equal("an address of the portal's own host", TargetAddressGuard.Describe(sixToFour, [host]));
        Assert.Equal("an address of the portal's own host", TargetAddressGuard.Describe(IPAddress.Parse("::ffff:93.184.216.34"), [host]));
        Assert.Null(TargetAddressGuard.Describe(IPAddress.Parse("93.184.216.35"), [host]));
    }

    [Theory]
    [InlineData("[2001:db8::1]", "documentation")]
    [InlineData("[::ffff:0:7f00:1]", "IPv4-translated")]
    [InlineData("[64:ff9b::7f00:1]", "NAT64")]
    [InlineData("203.0.113.7", "documentation")]
    public async Task ResolveAsync_SpecialPurposeLiteral_IsRefusedNamingIt(string host, string kind)
    {
        var (address, refusal) = await TargetAddressGuard.ResolveAsync(host, allowPrivate: false, CancellationToken.None);

        Assert.Null(address);
        Assert.StartsWith($"Refused: {host} resolves to ", refusal, StringComparison.Ordinal);
        Assert.Contains(kind, refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_PrivateAllowed_ReturnsTheCheckedAddress()
    {
        var (address, refusal) = await TargetAddressGuard.ResolveAsync("10.1.2.3", allowPrivate: true, CancellationToken.None);

        Assert.Equal(IPAddress.Parse("10.1.2.3"), address);
        Assert.Null(refusal);
    }

    [Fact]
    public async Task ResolveAsync_ThisHostAllowedWithPrivateTargets_ReturnsIt()
    {
        var own = HostAddress.NonLoopback();

        var (address, refusal) = await TargetAddressGuard.ResolveAsync(own.ToString(), allowPrivate: true, CancellationToken.None);

        Assert.Equal(own, address);
        Assert.Null(refusal);
    }
}
