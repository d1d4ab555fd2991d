using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// A call's named parameters, as the seeds allow them: from a JSON object body, a form-urlencoded body, or the query
/// string. A body value wins over a query value of the same name.
/// </summary>
public sealed class ApiParameters
{
    private readonly Dictionary<string, string> body;
    private readonly HashSet<string> notText;
    private readonly IQueryCollection query;

    private ApiParameters(Dictionary<string, string> body, HashSet<string> notText, IQueryCollection query)
    {
        this.body = body;
        this.notText = notText;
        this.query = query;
    }

    /// <summary>The parameter's text, trimmed; null when absent or empty. <paramref name="error"/> is set when it is there but not text.</summary>
    public string? Get(string name, out string? error)
    {
        error = notText.Contains(name) ? $"Parameter '{name}' must be a string." : null;
        if (body.TryGetValue(name, out var value) || (value = query[name].FirstOrDefault()) is not null)
        {
            var trimmed = value.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }

        return null;
    }

    /// <summary>Reads the body (at most <paramref name="maxBytes"/>); on a body the API cannot take, the refusal to answer with.</summary>
    public static async Task<(ApiParameters? Parameters, JsonHttpResult<ApiError>? Refusal)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge());
        }

        var bytes = await ReadBodyAsync(request.Body, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge());
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var notText = new HashSet<string>(StringComparer.Ordinal);
        // An empty body says nothing, whatever its Content-Type: the parameters are in the query string.
        if (bytes.Length > 0)
        {
            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
            if (IsJson(mediaType))
            {
                if (ReadJson(bytes, values, notText) is { } problem)
                {
                    return (null, ApiJson.Error(StatusCodes.Status400BadRequest, problem));
                }
            }
            else if (string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                if (await ReadFormAsync(bytes, values) is { } problem)
                {
                    return (null, ApiJson.Error(StatusCodes.Status400BadRequest, problem));
                }
            }
            else
            {
                return (null, ApiJson.Error(
                    StatusCodes.Status415UnsupportedMediaType,
                    $"Send parameters as application/json or application/x-www-form-urlencoded (with a Content-Type header saying which), or in the query string; not as {(string.IsNullOrEmpty(request.ContentType) ? "a body without Content-Type" : request.ContentType)}."));
            }
        }

        return (new ApiParameters(values, notText, request.Query), null);
    }

    private static JsonHttpResult<ApiError> TooLarge() => ApiJson.Error(StatusCodes.Status413PayloadTooLarge, ApiCallRules.BodyTooLarge);

    private static bool IsJson(string? mediaType) =>
        string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>The whole body, or null when it is longer than allowed (chunked bodies have no length to check first).</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? ReadJson(byte[] bytes, Dictionary<string, string> values, HashSet<string> notText)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return "The request body is not valid JSON.";
        }

        using (document)
        {
            var root = document.RootElement;

            // PHP's json_encode(array()) sends [] when a client has no parameters.
            if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 0)
            {
                return null;
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                return "The JSON body must be an object with the parameters as members.";
            }

            foreach (var member in root.EnumerateObject())
            {
                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values[member.Name] = member.Value.GetString()!;
                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        notText.Add(member.Name);
                        break;
                }
            }

            return null;
        }
    }

    private static async Task<string?> ReadFormAsync(byte[] bytes, Dictionary<string, string> values)
    {
        try
        {
            using var reader = new FormReader(Encoding.UTF8.GetString(bytes));
            foreach (var (name, value) in await reader.ReadFormAsync())
            {
                values[name] = value.FirstOrDefault() ?? "";
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return "The form body could not be read.";
        }
    }
}
