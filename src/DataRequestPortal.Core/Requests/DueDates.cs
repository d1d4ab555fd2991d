namespace DataRequestPortal.Core.Requests;

/// <summary>
/// GDPR Art. 12(3) deadlines, counted as Regulation 1182/71 counts months: the same day next month,
/// or that month's last day when the day does not exist (31 January → 28/29 February).
/// </summary>
public static class DueDates
{
    /// <summary>Art. 12(3) allows one extension "by two further months".</summary>
    public const int MaxExtensionMonths = 2;

    public static DateOnly ForReceipt(DateOnly receivedOn) => receivedOn.AddMonths(1);

    /// <summary>
    /// The extended deadline, counted from the original one; for a due date of 28 February that is
    /// 28 April, the earlier reading of the rule and therefore the safe one.
    /// </summary>
    public static DateOnly Extend(DateOnly originalDueDate, int months)
    {
        if (months is < 1 or > MaxExtensionMonths)
        {
            throw new RequestRuleException($"An extension is 1 or {MaxExtensionMonths} months; {months} is not allowed.");
        }

        return originalDueDate.AddMonths(months);
    }
}
