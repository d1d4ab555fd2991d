using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;

namespace DataRequestPortal.Web.Tests.Components.Shared;

public class PortalFormatTests
{
    [Theory]
    [InlineData(2, 2, 1, 121, "2 of 2 sources · 1 record · 121 bytes")]
    [InlineData(1, 1, 40, 2048, "1 of 1 source · 40 records · 2 KB")]
    [InlineData(0, 3, 0, 0, "0 of 3 sources · 0 records · 0 bytes")]
    public void Progress_CountsOfOne_AreSingular(int done, int total, long records, long bytes, string expected)
    {
        Assert.Equal(expected, PortalFormat.Progress(new CollectionProgress(done, total, records, bytes)));
    }
}
