using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Delivery;

public class DownloadLinksTests
{
    private const long RequestId = 42;

    [Fact]
    public async Task Check_SignatureOfTheLink_IsValidUntilExpiry()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var expires = harness.Time.GetUtcNow().AddDays(30).ToUnixTimeSeconds();
        var links = harness.Links();

        Assert.Equal(DownloadLinkCheck.Valid, links.Check(RequestId, expires, links.Sign(RequestId, expires)));
        harness.Time.Advance(TimeSpan.FromDays(30));
        Assert.Equal(DownloadLinkCheck.Expired, links.Check(RequestId, expires, links.Sign(RequestId, expires)));
    }

    [Fact]
    public async Task Check_TamperedLink_IsForged()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var expires = harness.Time.GetUtcNow().AddDays(30).ToUnixTimeSeconds();
        var links = harness.Links();
        var signature = links.Sign(RequestId, expires);
        var flipped = (signature[0] == 'A' ? "B" : "A") + signature[1..];

        Assert.Equal(DownloadLinkCheck.Forged, links.Check(RequestId, expires, flipped));
        Assert.Equal(DownloadLinkCheck.Forged, links.Check(RequestId + 1, expires, signature));
        Assert.Equal(DownloadLinkCheck.Forged, links.Check(RequestId, expires + 86400, signature));
        Assert.Equal(DownloadLinkCheck.Forged, links.Check(RequestId, expires, "not base64!"));
        Assert.Equal(DownloadLinkCheck.Forged, links.Check(RequestId, expires, null));
    }

    [Fact]
    public async Task Sign_AnotherPortalProcessSharingTheResults_VerifiesTheSameLink()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var expires = harness.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();

        var signature = harness.Links().Sign(RequestId, expires);

        Assert.Equal(DownloadLinkCheck.Valid, harness.Links().Check(RequestId, expires, signature));
    }

    [Fact]
    public async Task Sign_ConfiguredLinkKey_DiffersFromTheGeneratedKey()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var expires = harness.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();
        var generated = harness.Links().Sign(RequestId, expires);

        harness.Options.LinkKey = new string('k', PortalKey.MinConfiguredLength);

        Assert.NotEqual(generated, harness.Links().Sign(RequestId, expires));
        Assert.Equal(DownloadLinkCheck.Forged, harness.Links().Check(RequestId, expires, generated));
    }
}
