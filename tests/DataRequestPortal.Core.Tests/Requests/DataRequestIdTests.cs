using System.Globalization;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.Requests;

public class DataRequestIdTests
{
    [Fact]
    public void NewId_IsAPositiveIntegerBelowTwoToThe53_WithSixteenDigits()
    {
        for (var i = 0; i < 10_000; i++)
        {
            var id = DataRequestId.NewId();
            Assert.InRange(id, 1, (1L << 53) - 1);
            var text = id.ToString(CultureInfo.InvariantCulture);
            Assert.Matches("^[1-9][0-9]{15}$", text);

            // JavaScript clients read the id as a double: it must survive the round trip exactly.
            Assert.Equal(id, (long)(double)id);
        }
    }

    [Fact]
    public void NewId_IsUniqueAndNotSequential()
    {
        var ids = Enumerable.Range(0, 100_000).Select(_ => DataRequestId.NewId()).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        var ascendingSteps = ids.Zip(ids.Skip(1)).Count(pair => pair.Second > pair.First);
        Assert.InRange(ascendingSteps, 45_000, 55_000); // random order: about half the steps go up
        Assert.DoesNotContain(ids.Zip(ids.Skip(1)), pair => pair.Second - pair.First == 1);
    }

    [Fact]
    public void NewId_SpreadsOverTheWholeRange()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => DataRequestId.NewId()).ToList();
        var width = (DataRequestId.ExclusiveMax - DataRequestId.Min) / 4;
        var quarters = ids.GroupBy(id => (id - DataRequestId.Min) / width).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(4, quarters.Count);
        Assert.All(quarters.Values, count => Assert.InRange(count, 4_000, 6_000));
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-5, false)]
    [InlineData(42, false)]
    [InlineData(1_000_000_000_000_000, true)]
    [InlineData(9_007_199_254_740_991, true)]
    [InlineData(9_007_199_254_740_992, false)]
    public void IsWellFormed_AcceptsOnlyIdsThePortalCanIssue(long id, bool expected)
    {
        Assert.Equal(expected, DataRequestId.IsWellFormed(id));
    }
}
