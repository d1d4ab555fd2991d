namespace DataRequestPortal.Core.Requests;

/// <summary>
/// One place a request's result is reported to (an API client's <c>monitor</c>/<c>report</c>, or the address staff
/// gave): a URL or an email address in the form <see cref="Api.ReportTarget"/> keeps it. Numbered from 1 within the
/// request; each number is delivered once.
/// </summary>
public sealed class RequestReportTarget
{
    private RequestReportTarget()
    {
    }

    internal RequestReportTarget(int number, string target, DateTimeOffset addedAt)
    {
        Number = number;
        Target = target;
        AddedAt = addedAt;
    }

    public long Id { get; private set; }

    public long DataRequestId { get; private set; }

    public int Number { get; private set; }

    public string Target { get; private set; } = "";

    public DateTimeOffset AddedAt { get; private set; }

    public bool IsUrl => Target.Contains("://", StringComparison.Ordinal);
}
