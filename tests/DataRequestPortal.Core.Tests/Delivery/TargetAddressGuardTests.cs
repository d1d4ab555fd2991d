using System.Net;
using DataRequestPortal.Core.Delivery;

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
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:220:1::1")]
    public void IsPublic_PublicAddress_True(string address) =>
        Assert.True(TargetAddressGuard.IsPublic(IPAddress.Parse(address)));

    [Fact]
    public async Task ResolveAsync_PrivateAllowed_ReturnsTheCheckedAddress()
    {
        var (address, refusal) = await TargetAddressGuard.ResolveAsync("10.1.2.3", allowPrivate: true, CancellationToken.None);

        Assert.Equal(IPAddress.Parse("10.1.2.3"), address);
        Assert.Null(refusal);
    }
}
