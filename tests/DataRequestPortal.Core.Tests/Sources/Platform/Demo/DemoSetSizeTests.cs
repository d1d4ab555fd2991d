using DataRequestPortal.Core.Sources.Platform.Demo;

namespace DataRequestPortal.Core.Tests.Sources.Platform.Demo;

public class DemoSetSizeTests
{
    [Fact]
    public void TryParse_NoOptions_GivesTheDefaultBenchmarkSet()
    {
        Assert.True(DemoSetSize.TryParse([], out var size, out _));

        Assert.Equal(new DemoSetSize(100_000, 200_000, 1_000_000), size);
    }

    [Fact]
    public void TryParse_ProfilesAndEvents_TakesThemAndAFifthOfTheEventsAsMails()
    {
        Assert.True(DemoSetSize.TryParse(["--profiles", "5000", "--events", "250_000"], out var size, out var error));

        Assert.Equal(new DemoSetSize(5_000, 50_000, 250_000), size);
        Assert.Equal("", error);
    }

    [Fact]
    public void TryParse_Messages_OverridesTheDefaultShare()
    {
        Assert.True(DemoSetSize.TryParse(["--messages", "1234", "--events", "10000"], out var size, out _));

        Assert.Equal(1_234, size.Messages);
    }

    [Theory]
    [InlineData("Unknown option '--users'.", "--users", "10")]
    [InlineData("--events needs a number.", "--events")]
    [InlineData("--profiles needs a whole number of at least 1; 'many' is not.", "--profiles", "many")]
    [InlineData("--profiles needs a whole number of at least 1; '0' is not.", "--profiles", "0")]
    [InlineData("--events needs a whole number of at least 1; '-5' is not.", "--events", "-5")]
    [InlineData("--events is given twice.", "--events", "10", "--events", "20")]
    [InlineData("Unknown option '100'.", "100")]
    [InlineData("At most 10000000 profiles, 100000000 messages and 1000000000 events.", "--profiles", "20000000")]
    public void TryParse_BadInput_SaysWhatIsWrong(string expected, params string[] arguments)
    {
        Assert.False(DemoSetSize.TryParse(arguments, out _, out var error));

        Assert.Equal(expected, error);
    }

    [Fact]
    public void Usage_NamesEveryOptionAndTheBenchmarkSubjects()
    {
        Assert.Contains("seed-demo [--profiles N] [--events N] [--messages N]", DemoSetSize.Usage);
        Assert.Contains(BenchmarkSubject.EmailFor(10_000), DemoSetSize.Usage);
    }
}
