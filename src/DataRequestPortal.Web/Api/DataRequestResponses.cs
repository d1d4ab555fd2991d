using System.Globalization;
using System.Text.Json.Serialization;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Web.Api;

/// <summary>The answer to a filing: the request's id, as a string of digits as the seeds' clients expect.</summary>
public sealed record FiledRequest(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("duplicate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Duplicate = false);

/// <summary>The seeds' <c>status</c> values.</summary>
public static class ResultAvailability
{
    public const string Pending = "pending";
    public const string Available = "available";
    public const string NotAvailable = "not available";
}

/// <summary>
/// The status of an id this token has no request with, whether another token's or none at all: Copernica's documented
/// answer for a request it has no information about, and nothing more.
/// </summary>
public sealed record UnknownRequestStatus(
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("available")] long Available,
    [property: JsonPropertyName("content-type")] string ContentType)
{
    public static UnknownRequestStatus Instance { get; } = new(ResultAvailability.NotAvailable, 0, ApiJson.ContentType);
}

public sealed record ProgressResponse(
    [property: JsonPropertyName("sourcesDone")] int SourcesDone,
    [property: JsonPropertyName("sourcesTotal")] int SourcesTotal,
    [property: JsonPropertyName("records")] long Records,
    [property: JsonPropertyName("bytes")] long Bytes,
    [property: JsonPropertyName("percent")] int Percent);

/// <summary>
/// The seeds' status (<c>status</c>, <c>available</c>, <c>content-type</c>) and more: the lifecycle state, collection
/// progress, when the request was received, is due and its result expires, the result's SHA-256 (kept after expiry),
/// the reason of a denial or cancellation, the regime whose clock applies, and whether the request waits for the
/// subject's answer (<c>paused</c>, and since when).
/// </summary>
public sealed record DataRequestStatus(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("available")] long Available,
    [property: JsonPropertyName("content-type")] string ContentType,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("progress")] ProgressResponse Progress,
    [property: JsonPropertyName("created")] string Created,
    [property: JsonPropertyName("due")] string Due,
    [property: JsonPropertyName("expires")] string? Expires,
    [property: JsonPropertyName("sha256")] string? Sha256,
    [property: JsonPropertyName("reason")] string? Reason,
    [property: JsonPropertyName("regime")] string Regime,
    [property: JsonPropertyName("paused")] bool Paused,
    [property: JsonPropertyName("pausedSince"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PausedSince)
{
    /// <summary>The status now; <c>due</c> is where the due date stands today (while the clock stands still, it moves daily).</summary>
    public static Task<DataRequestStatus> OfAsync(DataRequest request, ResultStore store, ComplianceClock clock, CancellationToken cancellationToken) =>
        OfAsync(ApiRequestStatus.Of(request), store, clock, cancellationToken);

    /// <inheritdoc cref="OfAsync(DataRequest, ResultStore, ComplianceClock, CancellationToken)"/>
    public static async Task<DataRequestStatus> OfAsync(ApiRequestStatus request, ResultStore store, ComplianceClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        var (status, available) = await AvailabilityOfAsync(request.Id, request.State, store, cancellationToken);
        var progress = request.Progress;
        return new DataRequestStatus(
            request.Id.ToString(CultureInfo.InvariantCulture),
            status,
            available,
            ApiJson.ContentType,
            StateName(request.State),
            new ProgressResponse(progress.SourcesDone, progress.SourcesTotal, progress.Records, progress.Bytes, progress.Percent),
            Instant(request.ReceivedAt),
            request.DueDateOn(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            request.ExpiresAt is { } expires ? Instant(expires) : null,
            request.Sha256,
            request.DenialReason ?? request.CancellationReason,
            request.Regime.ToWireName(),
            request.State == RequestState.AwaitingSubject,
            request.State == RequestState.AwaitingSubject && request.PausedSince is { } since ? Instant(since) : null);
    }

    /// <summary>
    /// Pending while the portal still works on it (a failed request waits for staff to retry); available once the
    /// result file is there; not available when it never will be, or no longer is.
    /// </summary>
    public static async Task<(string Status, long Available)> AvailabilityOfAsync(long requestId, RequestState state, ResultStore store, CancellationToken cancellationToken) => state switch
    {
        _ when IsPending(state) => (ResultAvailability.Pending, 0),
        RequestState.Completed when await store.SizeOfAsync(requestId, cancellationToken) is { } size => (ResultAvailability.Available, size),
        _ => (ResultAvailability.NotAvailable, 0),
    };

    public static bool IsPending(RequestState state) => state == RequestState.Unverified || RequestLifecycle.IsOpen(state);

    public static string StateName(RequestState state) => state.ToString().ToLowerInvariant();

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
