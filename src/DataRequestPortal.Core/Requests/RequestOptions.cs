namespace DataRequestPortal.Core.Requests;

/// <summary>The <c>Requests</c> configuration section: how long a question to the subject may stay unanswered.</summary>
public sealed class RequestOptions
{
    public const string Section = "Requests";

    /// <summary>Days a request may wait for the subject's answer; then it is closed with a reason the subject is told.</summary>
    public int AwaitingSubjectDays { get; set; } = 30;
}
