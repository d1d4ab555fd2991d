namespace DataRequestPortal.Core.Requests;

/// <summary>Where a data request is in its lifecycle; <see cref="RequestLifecycle"/> says which moves are allowed.</summary>
public enum RequestState
{
    /// <summary>Filed through self-service, waiting for the subject to prove the address.</summary>
    Unverified,
    Queued,
    Collecting,
    Completed,
    /// <summary>The result was purged after the retention period (or deleted on request).</summary>
    Expired,
    /// <summary>Collection kept failing; staff can retry.</summary>
    Failed,
    Cancelled,
    /// <summary>Refused by staff with a reason the subject sees.</summary>
    Denied,

    /// <summary>Staff asked the subject for information needed to find or verify them; the clock stands still where the regime allows.</summary>
    AwaitingSubject,

    /// <summary>Collected, and waiting for a reviewer to withhold or redact what the subject may not have (Art. 15(4)) and release it; the clock runs.</summary>
    InReview,
}
