namespace DataRequestPortal.Core.Requests;

/// <summary>Working days for one jurisdiction: Monday to Friday, except the public holidays it is given.</summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> holidays;

    public HolidayCalendar(IEnumerable<DateOnly>? holidays = null) => this.holidays = [.. holidays ?? []];

    public static HolidayCalendar None { get; } = new();

    public IReadOnlyCollection<DateOnly> Holidays => holidays;

    public bool IsWorkingDay(DateOnly day) => day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day);

    /// <summary><paramref name="day"/> itself when it is a working day, otherwise the next one.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly day)
    {
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>The <paramref name="count"/>th working day after <paramref name="from"/> (not counting <paramref name="from"/> itself).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = from;
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                count--;
            }
        }

        return day;
    }
}
