namespace DataRequestPortal.Core.Requests;

/// <summary>What staff state when they file a request for a subject: how the identity was checked, and where the result may be emailed.</summary>
public static class StaffFiling
{
    /// <summary>Opens the request's first timeline entry, so the record says what the staff member's words are about.</summary>
    public const string VerificationPrefix = "Identity verified: ";

    public static int MaxVerificationLength => DataRequest.MaxReasonLength - VerificationPrefix.Length;

    public const string VerificationRequired = "Say how the subject's identity was verified; it is recorded with the request.";

    // Spaces alone would file the request with no record of the check.
    public static string? VerificationProblem(string? statement) => string.IsNullOrWhiteSpace(statement) ? VerificationRequired : null;

    /// <summary>The note the request is filed with; <paramref name="statement"/> has passed <see cref="VerificationProblem"/>.</summary>
    public static string VerificationNote(string statement) => VerificationPrefix + statement.Trim();

    /// <summary>Why <paramref name="text"/> cannot receive the result, or null when it can (or is left empty).</summary>
    public static string? ReportProblem(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!ReportTarget.TryParse(text, out var target, out var error))
        {
            return error;
        }

        return target.Kind == ReportTargetKind.Email ? null : "Give an email address; only API clients can have results posted to a URL.";
    }
}
