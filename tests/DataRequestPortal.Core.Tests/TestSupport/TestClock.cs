using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Time.Testing;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>A compliance clock whose time the test sets.</summary>
public static class TestClock
{
    public static (ComplianceClock Clock, FakeTimeProvider Time) At(string utc, string zone = "UTC")
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture));
        return (new ComplianceClock(time, TimeZoneInfo.FindSystemTimeZoneById(zone)), time);
    }
}
