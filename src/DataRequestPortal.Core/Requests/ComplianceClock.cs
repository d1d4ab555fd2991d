namespace DataRequestPortal.Core.Requests;

/// <summary>
/// The clock legal deadlines are counted on: instants from <see cref="TimeProvider"/>, calendar days in
/// the organisation's time zone (a request received at 23:30 local time was received that day), its public holidays
/// (<c>Organisation:Holidays</c>), and the regime a request runs on unless staff choose another (<c>Organisation:Regime</c>).
/// </summary>
public sealed class ComplianceClock(TimeProvider time, TimeZoneInfo zone, HolidayCalendar? holidays = null, Regime defaultRegime = Regime.Gdpr)
{
    public TimeProvider Time { get; } = time;

    public TimeZoneInfo Zone { get; } = zone;

    public HolidayCalendar Holidays { get; } = holidays ?? HolidayCalendar.None;

    public Regime DefaultRegime { get; } = defaultRegime;

    public DateTimeOffset Now => Time.GetUtcNow();

    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now, Zone).DateTime);

    public DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    /// <summary>The instant the organisation's day <paramref name="day"/> begins.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local));
    }
}
