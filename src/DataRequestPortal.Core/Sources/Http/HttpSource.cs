using System.Globalization;
using System.Net;
using System.Text.Json;
using DataRequestPortal.Core.Requests;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Sources.Http;

/// <summary>
/// Asks a web service for a subject's records: a GET of the configured URL, answered by a JSON array of objects
/// that is read and written one record at a time. <c>404</c> or <c>204</c> means the service holds nothing about
/// the subject.
/// </summary>
public sealed partial class HttpSource(HttpSourceOptions options, IHttpClientFactory clients, TimeProvider time, ILogger<HttpSource> logger) : IDataSource, ISourceConnectionCheck
{
    public SourceDescription Description { get; } = options.Describe();

    private string Label => $"HTTP source '{Description.Key}'";

    private string Seconds => options.TimeoutSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    public async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        var category = Description.Categories[0].Name;
        output.BeginCategory(category);

        var address = options.UrlFor(subject);
        using var timeout = new IdleTimeout(TimeSpan.FromSeconds(options.TimeoutSeconds), time, cancellationToken);
        var answering = false;
        var started = time.GetTimestamp();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            foreach (var (name, value) in options.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            if (request.Headers.Accept.Count == 0)
            {
                request.Headers.Accept.Add(SourceHttp.Json);
            }

            using var response = await clients.CreateClient(SourceHttp.ClientName(Description.Key))
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            answering = true;
            LogAnswered(logger, Description.Key, address.Host, address.Port, (int)response.StatusCode, time.GetElapsedTime(started).TotalMilliseconds);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.NoContent)
            {
                return;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new DataSourceException($"{Label} answered {SourceHttp.Status(response)}.");
            }

            await using var body = timeout.Watch(await response.Content.ReadAsStreamAsync(timeout.Token));
            using var json = new JsonStreamReader(body, Label);
            var first = await json.ReadTokenAsync(timeout.Token);
            if (first != JsonTokenType.StartArray)
            {
                throw new DataSourceException($"{Label} answered {Describe(first)} where a JSON array of records was expected.");
            }

            for (var position = 1; await json.PeekAsync(timeout.Token) != JsonTokenType.EndArray; position++)
            {
                var record = await json.ReadValueAsync(timeout.Token);
                if (record.ValueKind != JsonValueKind.Object)
                {
                    throw new DataSourceException($"{Label} answered {Describe(record.ValueKind)} as element {position} where a record (a JSON object) was expected.");
                }

                await output.WriteRecordAsync(category, record, cancellationToken);
            }

            await json.ReadTokenAsync(timeout.Token);

            // Reading on to the end finds anything after the array, which makes the answer malformed.
            await json.PeekAsync(timeout.Token);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.Expired)
        {
            throw new DataSourceException(
                answering ? $"{Label} stopped sending its answer for {Seconds} s." : $"{Label} did not answer within {Seconds} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DataSourceException($"{Label}: {SourceHttp.Unreachable(address, ex)}.", ex);
        }
        catch (IOException ex) when (ex is HttpIOException || ex.InnerException is System.Net.Sockets.SocketException)
        {
            throw new DataSourceException($"{Label}: the connection broke off while it answered.", ex);
        }
    }

    /// <summary>
    /// Asks the root of the service's host, without the configured headers: any answer below 500 shows the host is
    /// reachable. The subject URL is not called, so no subject is named and nothing is read.
    /// </summary>
    public async Task<string> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        var root = options.HostRoot();
        var limit = TimeSpan.FromSeconds(Math.Min(options.TimeoutSeconds, SourceChecks.Limit.TotalSeconds));
        using var timeout = new CancellationTokenSource(limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, root);
            using var response = await clients.CreateClient(SourceHttp.ClientName(Description.Key))
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if ((int)response.StatusCode >= 500)
            {
                throw new DataSourceException($"{root.Host}:{root.Port} answered {SourceHttp.Status(response)}.");
            }

            return $"{root.Host}:{root.Port} answered ({SourceHttp.Status(response)} for its root address).";
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested && timeout.IsCancellationRequested)
        {
            throw new DataSourceException($"{root.Host}:{root.Port} did not answer within {limit.TotalSeconds:0.###} s.", ex);
        }
        catch (HttpRequestException ex)
        {
            throw new DataSourceException($"{SourceHttp.Unreachable(root, ex)}.", ex);
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "a JSON object",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => "nothing",
    };

    // The host only: the path and query name the subject (and may carry a key).
    [LoggerMessage(Level = LogLevel.Information, Message = "HTTP source {Source}: {Host}:{Port} answered {Status} after {Milliseconds:0} ms")]
    private static partial void LogAnswered(ILogger logger, string source, string host, int port, int status, double milliseconds);
}
