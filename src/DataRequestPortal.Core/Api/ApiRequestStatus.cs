using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Api;

/// <summary>
/// What a client's status call answers about its request, read as these columns alone: clients poll the status, and
/// SQLite prepares every statement anew, so a narrow read costs noticeably less than the whole request.
/// </summary>
public sealed record ApiRequestStatus(
    long Id,
    RequestState State,
    Regime Regime,
    DateTimeOffset ReceivedAt,
    DateOnly DueDate,
    int Extension,
    int PausedDays,
    bool ClockStopped,
    DateTimeOffset? PausedSince,
    DateTimeOffset? ExpiresAt,
    string? DenialReason,
    string? CancellationReason,
    CollectionProgress Progress,
    string? Sha256,
    long? ResultBytes)
{
    public static ApiRequestStatus Of(DataRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.State, request.Regime, request.ReceivedAt, request.DueDate, request.Extension, request.PausedDays,
            request.ClockStopped, request.PausedSince, request.ExpiresAt, request.DenialReason, request.CancellationReason, request.Progress,
            request.Result?.Sha256, request.Result?.Bytes);
    }

    /// <summary>The due date as it stands today, as <see cref="DataRequest.DueDateOn"/> says it.</summary>
    public DateOnly DueDateOn(ComplianceClock clock) =>
        DataRequest.DueDateOn(Regime, ReceivedAt, DueDate, Extension, PausedDays, ClockStopped, PausedSince, clock);
}
