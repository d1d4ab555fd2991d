using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Sources.Upstream;

/// <summary>
/// Collects from another datarequest API: files a request for the subject there, asks for its status every
/// <see cref="UpstreamSourceOptions.PollSeconds"/> until it is available, then merges the upstream result.
/// </summary>
/// <remarks>
/// The collector retries a source that failed. So that a retry does not file a second upstream request, the
/// source remembers, in this process, the upstream request it filed per subject until that request is merged,
/// reported not available, forgotten upstream, or older than <see cref="UpstreamSourceOptions.TimeoutMinutes"/>.
/// </remarks>
public sealed partial class UpstreamSource : IDataSource, ISourceConnectionCheck
{
    /// <summary>How long one call may wait for an answer to start, or for the next part of it.</summary>
    internal static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(100);

    private const int MaxCreatedAnswerBytes = 64 * 1024;

    private readonly UpstreamSourceOptions options;
    private readonly IHttpClientFactory clients;
    private readonly TimeProvider time;
    private readonly ILogger<UpstreamSource> logger;
    private readonly string baseUrl;
    private readonly UpstreamTokenPlacement placement;
    private readonly ConcurrentDictionary<Subject, UpstreamRequest> filed = new();

    public UpstreamSource(UpstreamSourceOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<UpstreamSource> logger)
    {
        this.options = options;
        this.clients = clients;
        this.time = time;
        this.logger = logger;
        baseUrl = options.BaseUrl.Trim().TrimEnd('/');
        placement = options.TokenPlacement();
        Description = options.Describe();
    }

    public SourceDescription Description { get; }

    private string Label => $"Upstream source '{Description.Key}'";

    private TimeSpan Timeout => TimeSpan.FromMinutes(options.TimeoutMinutes);

    public async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        var remembered = Remembered(subject);
        if (remembered is not null)
        {
            LogFollowing(logger, Description.Key, remembered.Id);
        }

        var request = remembered ?? await FileAsync(subject, cancellationToken);
        if (await FollowAsync(subject, request, output, cancellationToken))
        {
            return;
        }

        // The remembered request expired or was deleted upstream meanwhile: file a fresh one, once.
        if (remembered is null)
        {
            throw Forgotten(request);
        }

        request = await FileAsync(subject, cancellationToken);
        if (!await FollowAsync(subject, request, output, cancellationToken))
        {
            throw Forgotten(request);
        }
    }

    /// <summary>
    /// Asks, with the token, for the status of request 0, which no datarequest API hands out: a JSON answer of
    /// 404 (or 200) shows the upstream is there and accepts the token; 401 or 403 shows it refuses it. Nothing is filed.
    /// </summary>
    public Task<string> CheckConnectionAsync(CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, options.StatusPath("0"), null, "checking the connection", cancellationToken, (response, _) =>
        {
            var json = response.Content.Headers.ContentType?.MediaType == "application/json";
            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new DataSourceException($"{Label} refused the access token ({SourceHttp.Status(response)}); check the source's Token and TokenIn.");
            }

            if (!json || !(response.IsSuccessStatusCode || IsForgotten(response)))
            {
                throw new DataSourceException($"{Label} answered {SourceHttp.Status(response)}{(json ? "" : " without JSON")}, not as a datarequest API does; check its BaseUrl and ApiVersion.");
            }

            return Task.FromResult($"The datarequest API answered and accepted the token (v{options.ApiVersion}).");
        });

    private UpstreamRequest? Remembered(Subject subject)
    {
        var now = time.GetUtcNow();
        foreach (var (known, request) in filed)
        {
            if (now - request.FiledAt >= Timeout)
            {
                filed.TryRemove(new(known, request));
            }
        }

        return filed.TryGetValue(subject, out var remembered) ? remembered : null;
    }

    private void Forget(Subject subject, UpstreamRequest request) => filed.TryRemove(new(subject, request));

    private async Task<UpstreamRequest> FileAsync(Subject subject, CancellationToken cancellationToken)
    {
        // Copernica's calls name the (sub)profile in the path; SMTPeter's takes the address as a form field.
        var form = subject.Type == SubjectType.Email ? new[] { KeyValuePair.Create("email", subject.Identifier) } : [];
        var id = await CallAsync(HttpMethod.Post, options.FilingPath(subject), new FormUrlEncodedContent(form), "filing a request", cancellationToken,
            async (response, timeout) =>
            {
                if (!response.IsSuccessStatusCode)
                {
                    throw new DataSourceException($"{Label} answered {SourceHttp.Status(response)} when asked to file a request{Hint(response)}.");
                }

                return await CreatedIdAsync(response, timeout)
                    ?? throw new DataSourceException($"{Label} accepted the request but did not say which id it gave it.");
            });

        var request = new UpstreamRequest(id, time.GetUtcNow());
        filed[subject] = request;
        LogFiled(logger, Description.Key, id);
        return request;
    }

    /// <summary>False when the upstream no longer knows the request; true once its result is merged.</summary>
    private async Task<bool> FollowAsync(Subject subject, UpstreamRequest request, SourceOutput output, CancellationToken cancellationToken)
    {
        var remaining = request.FiledAt + Timeout - time.GetUtcNow();
        using var deadline = new CancellationTokenSource(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, time);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            while (true)
            {
                var status = await StatusAsync(request, waiting.Token);
                if (status == UpstreamStatus.Available)
                {
                    // Downloading is bounded by the per-call limit, not by the deadline for the upstream to finish.
                    status = await MergeAsync(request, output, cancellationToken);
                }

                switch (status)
                {
                    case UpstreamStatus.Merged:
                        Forget(subject, request);
                        return true;
                    case UpstreamStatus.Forgotten:
                        Forget(subject, request);
                        return false;
                    case UpstreamStatus.NotAvailable:
                        Forget(subject, request);
                        throw new DataSourceException($"{Label} reports the data of its request {request.Id} as not available.");
                }

                await Task.Delay(TimeSpan.FromSeconds(options.PollSeconds), time, waiting.Token);
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
        {
            Forget(subject, request);
            var minutes = options.TimeoutMinutes.ToString("0.###", CultureInfo.InvariantCulture);
            throw new DataSourceException($"{Label} did not finish its request {request.Id} within {minutes} min.", ex);
        }
    }

    private Task<UpstreamStatus> StatusAsync(UpstreamRequest request, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, options.StatusPath(request.Id), null, "asking for the status", cancellationToken, async (response, timeout) =>
        {
            if (IsForgotten(response))
            {
                return UpstreamStatus.Forgotten;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DataSourceException($"{Label} answered {SourceHttp.Status(response)} when asked for the status of its request {request.Id}{Hint(response)}.");
            }

            await using var body = timeout.Watch(await response.Content.ReadAsStreamAsync(timeout.Token));
            string? status;
            try
            {
                using var document = await JsonDocument.ParseAsync(body, cancellationToken: timeout.Token);
                status = document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("status", out var value)
                    && value.ValueKind == JsonValueKind.String
                        ? value.GetString()?.Trim()
                        : null;
            }
            catch (JsonException ex)
            {
                throw new DataSourceException($"{Label} answered a status that is not JSON.", ex);
            }

            return status?.ToLowerInvariant() switch
            {
                "pending" => UpstreamStatus.Pending,
                "available" => UpstreamStatus.Available,
                "not available" => UpstreamStatus.NotAvailable,
                null => throw new DataSourceException($"{Label} answered a status without a \"status\" member."),
                _ => throw new DataSourceException($"{Label} answered an unknown status '{Shorten(status)}' for its request {request.Id}."),
            };
        });

    private Task<UpstreamStatus> MergeAsync(UpstreamRequest request, SourceOutput output, CancellationToken cancellationToken) =>
        CallAsync(HttpMethod.Get, options.ResultPath(request.Id), null, "fetching the result", cancellationToken, async (response, timeout) =>
        {
            if (IsForgotten(response))
            {
                return UpstreamStatus.Forgotten;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DataSourceException($"{Label} answered {SourceHttp.Status(response)} when asked for the result of its request {request.Id}{Hint(response)}.");
            }

            // The whole answer is on disk before anything is merged, so a broken download leaves the output untouched.
            await using var download = new FileStream(Path.Combine(Path.GetTempPath(), $"drp-upstream-{Guid.NewGuid():N}.json"), DownloadFile());
            await using (var body = timeout.Watch(await response.Content.ReadAsStreamAsync(timeout.Token)))
            {
                await body.CopyToAsync(download, 64 * 1024, timeout.Token);
            }

            download.Position = 0;
            return await UpstreamResult.MergeAsync(download, output, Description.Key, Label, cancellationToken)
                ? UpstreamStatus.Merged
                : UpstreamStatus.Pending;
        });

    /// <summary>One call to the upstream, bounded by <see cref="CallLimit"/> while it waits for data; faults become clear messages.</summary>
    private async Task<T> CallAsync<T>(
        HttpMethod method,
        string path,
        HttpContent? content,
        string doing,
        CancellationToken cancellationToken,
        Func<HttpResponseMessage, IdleTimeout, Task<T>> read)
    {
        var address = new Uri(placement == UpstreamTokenPlacement.Query
            ? $"{baseUrl}{path}?access_token={Uri.EscapeDataString(options.Token)}"
            : $"{baseUrl}{path}");
        using var timeout = new IdleTimeout(CallLimit, time, cancellationToken);
        var answering = false;
        try
        {
            using var request = new HttpRequestMessage(method, address) { Content = content };
            request.Headers.Accept.Add(SourceHttp.Json);
            if (placement == UpstreamTokenPlacement.Header)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Token);
            }

            using var response = await clients.CreateClient(SourceHttp.ClientName(Description.Key))
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            answering = true;
            return await read(response, timeout);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.Expired)
        {
            var seconds = CallLimit.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);
            throw new DataSourceException(
                answering ? $"{Label} stopped sending its answer for {seconds} s while {doing}." : $"{Label} did not answer within {seconds} s when {doing}.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DataSourceException($"{Label}: {SourceHttp.Unreachable(address, ex)} when {doing}.", ex);
        }
        catch (IOException ex) when (ex is HttpIOException || ex.InnerException is System.Net.Sockets.SocketException)
        {
            throw new DataSourceException($"{Label}: the connection broke off while {doing}.", ex);
        }
    }

    /// <summary>
    /// The new request's id: from <c>X-Created</c> as the seeds' clients read it, else from a JSON body
    /// <c>{"id": ...}</c> (string or number), else from a bare JSON number.
    /// </summary>
    private static async Task<string?> CreatedIdAsync(HttpResponseMessage response, IdleTimeout timeout)
    {
        if (response.Headers.TryGetValues("X-Created", out var created)
            && created.Select(v => CreatedHeader().Match(v)).FirstOrDefault(m => m.Success) is { } match)
        {
            return match.Groups[1].Value;
        }

        await using var body = timeout.Watch(await response.Content.ReadAsStreamAsync(timeout.Token));
        var buffer = new byte[MaxCreatedAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await body.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0)
        {
            length += read;
        }

        try
        {
            using var document = JsonDocument.Parse(buffer.AsMemory(0, length));
            var root = document.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var member) ? member : root;
            var text = id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
            return text is not null && Id().IsMatch(text) ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A temporary file only this process's user can read: it holds personal data.</summary>
    private static FileStreamOptions DownloadFile()
    {
        var file = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.DeleteOnClose,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return file;
    }

    private static bool IsForgotten(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    private static string Hint(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ? "; check the source's Token and TokenIn" : "";

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";

    private DataSourceException Forgotten(UpstreamRequest request) =>
        new($"{Label} no longer knows its request {request.Id}; it may have expired or been deleted there.");

    [GeneratedRegex(@"^\s?(\d{1,20})")]
    private static partial Regex CreatedHeader();

    [GeneratedRegex(@"^\d{1,20}$")]
    private static partial Regex Id();

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream source {Source} filed request {UpstreamId}.")]
    private static partial void LogFiled(ILogger logger, string source, string upstreamId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstream source {Source} follows its earlier request {UpstreamId} instead of filing another.")]
    private static partial void LogFollowing(ILogger logger, string source, string upstreamId);

    private sealed record UpstreamRequest(string Id, DateTimeOffset FiledAt);

    private enum UpstreamStatus
    {
        Pending,
        Available,
        NotAvailable,
        Forgotten,
        Merged,
    }
}
