using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// The datarequest calls in the SMTPeter/Copernica dialect (README's "Calls" table): file a request for an email
/// address, profile or subprofile; poll its status; fetch, cancel or delete the result. A token sees only the
/// requests it filed; to it, every other id does not exist.
/// </summary>
public static class DataRequestEndpoints
{
    public const string UnknownRequest = "There is no data request with this id.";

    public const string Expired = "The result has expired and was deleted.";

    /// <summary>The id is in the body, <c>X-Created</c> and <c>Location</c>; the seeds' clients read this header.</summary>
    public const string CreatedHeader = "X-Created";

    public static IEndpointRouteBuilder MapDataRequestApi(this IEndpointRouteBuilder endpoints)
    {
        // Copernica documents every call below for v1, v2 and v3; SMTPeter's own calls exist in v1 and v2.
        foreach (var version in new[] { "v1", "v2", "v3" })
        {
            var api = Version(endpoints, version);
            if (version != "v3")
            {
                api.MapPost("/datarequest", Filing(new FilingCall(SubjectType.Email, "email", InPath: false, "monitor", version)))
                    .Describe(DataRequestCall.FileForEmail);
            }

            api.MapPost("/email/{email}/datarequest", Filing(new FilingCall(SubjectType.Email, "email", InPath: true, "report", version)))
                .Describe(DataRequestCall.FileForEmailInPath);
            foreach (var type in new[] { SubjectType.Profile, SubjectType.Subprofile })
            {
                var call = Filing(new FilingCall(type, "id", InPath: true, "report", version));
                var documentation = type == SubjectType.Profile ? DataRequestCall.FileForProfile : DataRequestCall.FileForSubprofile;
                api.MapPost($"/{type.ToWireName()}/{{id}}/datarequest", call).Describe(documentation);

                // The seeds' PHP examples post here.
                api.MapPost($"/{type.ToWireName()}/{{id}}/data", call).Describe(documentation);
            }

            api.MapGet("/datarequest/{id}", GetResultAsync).Describe(DataRequestCall.Result);
            api.MapGet("/datarequest/{id}/status", GetStatusAsync).Describe(DataRequestCall.Status);
            api.MapGet("/datarequest/{id}/data", GetDataAsync).Describe(DataRequestCall.Data);
            api.MapGet("/datarequest/{id}/pdf", GetPdfAsync).Describe(DataRequestCall.Pdf);
            api.MapDelete("/datarequest/{id}", WithdrawAsync).Describe(DataRequestCall.Withdraw);
        }

        // SMTPeter's older form, with the address in the path.
        Version(endpoints, "v1").MapPost("/datarequest/{email}", Filing(new FilingCall(SubjectType.Email, "email", InPath: true, "report", "v1")))
            .Describe(DataRequestCall.FileForEmailInPath);
        return endpoints;
    }

    /// <summary>The optional filing parameter naming the language of the subject's emails and report ("nl").</summary>
    public const string LanguageParameter = "language";

    private static RouteGroupBuilder Version(IEndpointRouteBuilder endpoints, string version) =>
        endpoints.MapGroup("/" + version)
            .RequireAuthorization(ApiTokenAuthentication.Policy)
            .RequireRateLimiting(ApiRateLimits.Policy);

    private static Func<HttpContext, ApiClientRequests, IOptions<ApiOptions>, SubjectLanguages, CancellationToken, Task<Results<Created<FiledRequest>, Ok<FiledRequest>, JsonHttpResult<ApiError>>>> Filing(FilingCall call) =>
        (context, requests, options, languages, cancellationToken) => FileAsync(context, requests, options.Value, languages, call, cancellationToken);

    /// <summary>
    /// Files a request, or — when this token already has one open for the subject — answers 200 with that one's id
    /// in the same places, so a client that repeats a call does not start a second collection; the repeat's report
    /// target is added to the open request.
    /// </summary>
    private static async Task<Results<Created<FiledRequest>, Ok<FiledRequest>, JsonHttpResult<ApiError>>> FileAsync(
        HttpContext context, ApiClientRequests requests, ApiOptions options, SubjectLanguages languages, FilingCall call, CancellationToken cancellationToken)
    {
        var (parameters, refusal) = await ApiParameters.ReadAsync(context.Request, options.MaxBodyBytes, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var identifier = call.InPath
            ? ApiParameters.FromPath(context.Request, call.Subject, out var subjectProblem)
            : parameters!.Get(call.Subject, out subjectProblem);
        if (subjectProblem is not null)
        {
            return BadParameter(call.Subject, subjectProblem);
        }

        if (!Subject.TryCreate(call.Type, identifier, out var subject, out var subjectError))
        {
            return BadParameter(call.Subject, $"Parameter '{call.Subject}': {subjectError}");
        }

        var reportText = parameters!.Get(call.Report, out var reportProblem);
        if (reportProblem is not null)
        {
            return BadParameter(call.Report, reportProblem);
        }

        ReportTarget? report = null;
        if (reportText is not null && !ReportTarget.TryParse(reportText, out report, out var reportError))
        {
            return BadParameter(call.Report, $"Parameter '{call.Report}': {reportError}");
        }

        var languageText = parameters.Get(LanguageParameter, out var languageProblem);
        if (languageProblem is not null)
        {
            return BadParameter(LanguageParameter, languageProblem);
        }

        if (languageText is not null && !languages.IsOffered(languageText))
        {
            return BadParameter(
                LanguageParameter,
                $"Parameter '{LanguageParameter}': '{languageText}' is not a language the subject's emails and report can be written in; use one of {string.Join(", ", languages.Offered)}.");
        }

        var language = languageText is null ? null : SubjectLanguages.Normalize(languageText);
        var filing = await requests.FileAsync(ApiTokenAuthentication.ClientOf(context.User), subject, report, cancellationToken, language);
        var id = filing.Request.Id.ToString(CultureInfo.InvariantCulture);
        if (filing.Outcome == ApiFilingOutcome.TooManyReportTargets)
        {
            return ApiJson.Error(
                StatusCodes.Status400BadRequest,
                ApiErrorCode.TooManyReportTargets,
                $"Request {id} already reports to {DataRequest.MaxReportTargets} targets, the most one request can have; this {call.Report} was not added.",
                call.Report);
        }

        context.Response.Headers[CreatedHeader] = id;
        return filing.IsNew
            ? TypedResults.Created($"/{call.Version}/datarequest/{id}", new FiledRequest(id))
            : TypedResults.Ok(new FiledRequest(id, Duplicate: true));
    }

    /// <summary>
    /// The status; for an id this token has no request with (another token's, or none at all) Copernica's answer for a
    /// request it cannot give, <c>"status": "not available"</c>, the same in both cases.
    /// </summary>
    private static async Task<Results<Ok<DataRequestStatus>, Ok<UnknownRequestStatus>>> GetStatusAsync(
        string id, ClaimsPrincipal user, ApiStatusReads statuses, ComplianceClock clock, CancellationToken cancellationToken)
    {
        var request = TryParseId(id, out var requestId)
            ? await statuses.FindAsync(ApiTokenAuthentication.ClientOf(user), requestId, cancellationToken)
            : null;
        return request is null ? TypedResults.Ok(UnknownRequestStatus.Instance) : TypedResults.Ok(DataRequestStatus.Of(request, clock));
    }

    /// <summary>
    /// The token's result in <paramref name="format"/> (<see cref="ResultDownloads"/> decides, opens and audit-logs it):
    /// another token's request, and an id that is no id at all, are not found.
    /// </summary>
    private static async Task<ResultDownload> OpenAsync(
        string id, ClaimsPrincipal user, ResultDownloads downloads, ResultFormat format, CancellationToken cancellationToken) =>
        TryParseId(id, out var requestId)
            ? await downloads.OpenAsync(new Downloader.Client(ApiTokenAuthentication.ClientOf(user)), requestId, format, cancellationToken)
            : new ResultDownload.NotFound();

    /// <summary>The result document; while it is not there, the seeds' placeholder: <c>info</c> and <c>"data": "Data not available (yet)."</c>.</summary>
    private static async Task<Results<FileStreamHttpResult, FileContentHttpResult, JsonHttpResult<ApiError>>> GetResultAsync(
        string id, ClaimsPrincipal user, ResultDownloads downloads, CancellationToken cancellationToken) =>
        await OpenAsync(id, user, downloads, ResultFormat.Json, cancellationToken) switch
        {
            ResultDownload.Ready ready => TypedResults.Stream(ready.Content, ApiJson.ContentType),
            ResultDownload.NotReady notReady => TypedResults.Bytes(NotAvailableDocument(notReady.Request), ApiJson.ContentType),
            ResultDownload.Gone => Gone(),
            _ => NotFound(),
        };

    /// <summary>The result document only: 404 until it is there.</summary>
    private static async Task<Results<FileStreamHttpResult, JsonHttpResult<ApiError>>> GetDataAsync(
        string id, ClaimsPrincipal user, ResultDownloads downloads, CancellationToken cancellationToken) =>
        await OpenAsync(id, user, downloads, ResultFormat.Json, cancellationToken) switch
        {
            ResultDownload.Ready ready => TypedResults.Stream(ready.Content, ApiJson.ContentType),
            ResultDownload.NotReady notReady => NotReady(notReady.Request),
            ResultDownload.Gone => Gone(),
            _ => NotFound(),
        };

    /// <summary>The result as a PDF report (made on first request, deleted with the result); 404 until it is there.</summary>
    private static async Task<Results<FileStreamHttpResult, JsonHttpResult<ApiError>>> GetPdfAsync(
        string id, ClaimsPrincipal user, ResultDownloads downloads, CancellationToken cancellationToken) =>
        await OpenAsync(id, user, downloads, ResultFormat.Pdf, cancellationToken) switch
        {
            ResultDownload.Ready ready => TypedResults.Stream(ready.Content, ready.ContentType, ready.FileName),
            ResultDownload.NotReady notReady => NotReady(notReady.Request),
            ResultDownload.Gone => Gone(),
            _ => NotFound(),
        };

    private static JsonHttpResult<ApiError> NotReady(DataRequest request) =>
        DataRequestStatus.IsPending(request.State)
            ? ApiJson.Error(StatusCodes.Status404NotFound, ApiErrorCode.NotReady, "The data is not available yet; ask for the status until it is.")
            : ApiJson.Error(StatusCodes.Status404NotFound, ApiErrorCode.NotAvailable, $"The data is not available: the request was {DataRequestStatus.StateName(request.State)}.");

    /// <summary>
    /// Cancels an open request (the client's withdrawal is recorded as the reason, which the status then carries), or
    /// deletes a finished result now; answers with the status afterwards.
    /// </summary>
    private static async Task<Results<Ok<DataRequestStatus>, JsonHttpResult<ApiError>>> WithdrawAsync(
        string id, ClaimsPrincipal user, ApiClientRequests requests, ComplianceClock clock, CancellationToken cancellationToken)
    {
        if (!TryParseId(id, out var requestId))
        {
            return NotFound();
        }

        var request = await requests.WithdrawAsync(ApiTokenAuthentication.ClientOf(user), requestId, cancellationToken);
        return request is null ? NotFound() : TypedResults.Ok(DataRequestStatus.Of(request, clock));
    }

    private static bool TryParseId(string text, out long id)
    {
        id = 0;
        return text.Length is > 0 and <= 19
            && text.All(char.IsAsciiDigit)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id)
            && DataRequestId.IsWellFormed(id);
    }

    private static ReadOnlyMemory<byte> NotAvailableDocument(DataRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            ResultDocument.WriteInfo(json, request.Subject);
            json.WriteString("data", ResultDocument.NotAvailableText);
            json.WriteString("status", DataRequestStatus.IsPending(request.State) ? ResultAvailability.Pending : ResultAvailability.NotAvailable);
            json.WriteString("state", DataRequestStatus.StateName(request.State));
            json.WriteEndObject();
        }

        return buffer.WrittenMemory;
    }

    private static JsonHttpResult<ApiError> NotFound() => ApiJson.Error(StatusCodes.Status404NotFound, ApiErrorCode.UnknownRequest, UnknownRequest);

    private static JsonHttpResult<ApiError> Gone() => ApiJson.Error(StatusCodes.Status410Gone, ApiErrorCode.Expired, Expired);

    private static JsonHttpResult<ApiError> BadParameter(string parameter, string message) =>
        ApiJson.Error(StatusCodes.Status400BadRequest, ApiErrorCode.InvalidParameter, message, parameter);

    /// <summary>How one filing call names its subject and report target, and the API version it was made in (where the new request can be fetched).</summary>
    private sealed record FilingCall(SubjectType Type, string Subject, bool InPath, string Report, string Version);
}
