using DataRequestPortal.Core.Export;

namespace DataRequestPortal.Core.Tests.Export;

public class ByteSizeTests
{
    [Theory]
    [InlineData(512, "512 bytes")]
    [InlineData(242_074, "236.4 KB")]
    [InlineData(5 * 1024 * 1024, "5 MB")]
    public void Format_ShowsOneSizeTheSameWayOnEveryPageAndInThePdf(long bytes, string expected) =>
        Assert.Equal(expected, ByteSize.Format(bytes));
}
