namespace DataRequestPortal.Core.Requests;

/// <summary>How a regime counts an extension: in months (GDPR, UK GDPR) or in days (CCPA), and how much at most.</summary>
public sealed record ExtensionRule(int Max, bool InMonths)
{
    public string Describe(int amount) => InMonths
        ? amount == 1 ? "one month" : $"{amount} months"
        : amount == 1 ? "one day" : $"{amount} days";
}

/// <summary>
/// Every rule about a request's dates, per <see cref="Regime"/>, in one place:
/// <list type="bullet">
/// <item>GDPR (Art. 12(3)): one month, counted as Regulation 1182/71 counts months: the same day next month, or that
/// month's last day when the day does not exist (31 January → 28/29 February). One extension by up to two further
/// months, counted from the original due date (for 28 February that is 28 April: the earlier reading, so the safe one).</item>
/// <item>UK GDPR (the ICO's right-of-access guidance): the same one month, but a due date on a weekend or a bank
/// holiday moves to the next working day; an extension is counted as three months from the day of receipt, and also
/// moves off a weekend or holiday.</item>
/// <item>CCPA (Civ. Code §1798.130(a)(2), 11 CCR §7021): 45 calendar days from receipt, once extended by up to 45
/// further days; receipt confirmed within 10 business days.</item>
/// </list>
/// Days the clock stood still while the subject was asked something are added where the regime allows it
/// (<see cref="PauseMovesDueDate"/>).
/// </summary>
public static class DueDates
{
    /// <summary>Art. 12(3) allows one extension "by two further months".</summary>
    public const int MaxExtensionMonths = 2;

    public const int CcpaPeriodDays = 45;

    public const int CcpaMaxExtensionDays = 45;

    /// <summary>11 CCR §7021(a): receipt of a request to know is confirmed within 10 business days.</summary>
    public const int CcpaReceiptBusinessDays = 10;

    /// <summary>The due date of a GDPR request received on <paramref name="receivedOn"/>, not extended or paused.</summary>
    public static DateOnly ForReceipt(DateOnly receivedOn) => For(Regime.Gdpr, receivedOn, HolidayCalendar.None);

    /// <summary>The extended GDPR due date, <paramref name="months"/> further months from the original due date.</summary>
    public static DateOnly Extend(DateOnly originalDueDate, int months)
    {
        CheckExtension(Regime.Gdpr, months);
        return originalDueDate.AddMonths(months);
    }

    public static ExtensionRule Extension(Regime regime) => regime == Regime.Ccpa
        ? new ExtensionRule(CcpaMaxExtensionDays, InMonths: false)
        : new ExtensionRule(MaxExtensionMonths, InMonths: true);

    /// <summary>Throws a <see cref="RequestRuleException"/> with a message for the user when <paramref name="amount"/> is no extension the regime allows.</summary>
    public static void CheckExtension(Regime regime, int amount)
    {
        var rule = Extension(regime);
        if (amount < 1 || amount > rule.Max)
        {
            throw new RequestRuleException(rule.InMonths
                ? $"An extension is 1 or {rule.Max} months; {amount} is not allowed."
                : $"A {regime.ToWireName()} extension is 1 to {rule.Max} days; {amount} is not allowed.");
        }
    }

    /// <summary>
    /// The due date of a request under <paramref name="regime"/> received on <paramref name="receivedOn"/>, extended by
    /// <paramref name="extension"/> (months or days, 0 for none) and with <paramref name="pausedDays"/> days of stopped
    /// clock that count for this regime.
    /// </summary>
    public static DateOnly For(Regime regime, DateOnly receivedOn, HolidayCalendar holidays, int extension = 0, int pausedDays = 0)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentOutOfRangeException.ThrowIfNegative(pausedDays);
        if (extension != 0)
        {
            CheckExtension(regime, extension);
        }

        if (pausedDays > 0 && regime == Regime.Ccpa)
        {
            throw new ArgumentOutOfRangeException(nameof(pausedDays), pausedDays, "No pause moves a CCPA due date.");
        }

        return regime switch
        {
            Regime.Gdpr => receivedOn.AddMonths(1).AddMonths(extension).AddDays(pausedDays),
            Regime.UkGdpr => holidays.OnOrNextWorkingDay(receivedOn.AddMonths(1 + extension).AddDays(pausedDays)),
            Regime.Ccpa => receivedOn.AddDays(CcpaPeriodDays + extension),
            _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, null),
        };
    }

    /// <summary>
    /// Whether the days a request waits for the subject's answer are added to its due date:
    /// UK GDPR yes, for both kinds of question (the ICO's "stop the clock" for clarification; for identity the period
    /// only starts once the proof arrives, of which adding the waiting days is the earlier, safe reading);
    /// GDPR only while the subject's identity is in doubt (Art. 12(6); EDPB Guidelines 01/2022, section 5.3), not for a
    /// clarification of scope, which does not extend the time limit (EDPB Guidelines 01/2022, section 2.3.1);
    /// CCPA never: the 45 days run from receipt whatever the time needed to verify (11 CCR §7021(b)).
    /// </summary>
    public static bool PauseMovesDueDate(Regime regime, SubjectQuestion question) => regime switch
    {
        Regime.UkGdpr => true,
        Regime.Gdpr => question == SubjectQuestion.Identity,
        _ => false,
    };

    /// <summary>The days between asking and the answer, as added to a due date.</summary>
    public static int PausedDays(DateOnly askedOn, DateOnly answeredOn) => Math.Max(0, answeredOn.DayNumber - askedOn.DayNumber);

    /// <summary>Whether a request due on <paramref name="dueDate"/> may still be extended on <paramref name="today"/>: only until the due date has passed.</summary>
    public static bool CanExtendOn(DateOnly today, DateOnly dueDate) => today <= dueDate;

    /// <summary>The last day by which receipt must be confirmed to the subject, for regimes that require it (CCPA); otherwise null.</summary>
    public static DateOnly? ReceiptConfirmationDue(Regime regime, DateOnly receivedOn, HolidayCalendar holidays) =>
        regime == Regime.Ccpa ? holidays.AddWorkingDays(receivedOn, CcpaReceiptBusinessDays) : null;

    /// <summary>How a regime's period reads to a subject: "one month", "45 days".</summary>
    public static string PeriodInWords(Regime regime) => regime == Regime.Ccpa ? $"{CcpaPeriodDays} days" : "one month";

    /// <summary>How far the regime's one extension may reach, in words: "two further months", "45 further days".</summary>
    public static string ExtensionInWords(Regime regime) => regime == Regime.Ccpa ? $"{CcpaMaxExtensionDays} further days" : "two further months";

    /// <summary>
    /// Days between the due date and the organisation's day of completion: a request completed on its due date, at any
    /// hour, is on time; 0 when on time or not completed.
    /// </summary>
    public static int DaysLate(DateTimeOffset? completedAt, DateOnly dueDate, ComplianceClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return completedAt is { } at ? Math.Max(0, clock.DateOf(at).DayNumber - dueDate.DayNumber) : 0;
    }
}
