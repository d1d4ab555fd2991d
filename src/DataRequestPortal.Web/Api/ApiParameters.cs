using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// A call's named parameters, as the seeds allow them: from a JSON object body, a form-urlencoded body, or the query
/// string. A body value wins over a query value of the same name. All text must be valid Unicode (UTF-8 once
/// percent-decoded): nothing is quietly replaced, so the portal never files for an address other than the one sent.
/// </summary>
public sealed class ApiParameters
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Dictionary<string, List<string>> body;
    private readonly HashSet<string> notText;
    private readonly Dictionary<string, List<string>> query;

    private ApiParameters(Dictionary<string, List<string>> body, HashSet<string> notText, Dictionary<string, List<string>> query)
    {
        this.body = body;
        this.notText = notText;
        this.query = query;
    }

    /// <summary>
    /// The parameter's text, trimmed; null when absent or empty. <paramref name="error"/> is set when it is there but
    /// not text, or given more than once in the body or in the query string (which one was meant is anyone's guess).
    /// </summary>
    public string? Get(string name, out string? error)
    {
        error = null;
        if (!body.TryGetValue(name, out var values) && !query.TryGetValue(name, out values))
        {
            error = notText.Contains(name) ? NotText(name) : null;
            return null;
        }

        if (values.Count > 1 || (body.ContainsKey(name) && notText.Contains(name)))
        {
            error = $"Parameter '{name}' is given more than once.";
            return null;
        }

        error = notText.Contains(name) ? NotText(name) : null;
        var trimmed = values[0].Trim();
        return trimmed.Length == 0 ? null : trimmed;
    }

    /// <summary>A parameter in the call's path; <paramref name="error"/> is set when the path is not valid UTF-8 once percent-decoded.</summary>
    public static string? FromPath(HttpRequest request, string name, out string? error)
    {
        ArgumentNullException.ThrowIfNull(request);

        // The server leaves escapes that do not decode to UTF-8 as they were, so only the raw target tells them apart
        // from a '%' that was sent as %25.
        var target = request.HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target))
        {
            target = (request.PathBase + request.Path).ToUriComponent();
        }

        var path = target.Split('?', 2)[0];
        error = TryDecode(Encoding.Latin1.GetBytes(path), plusIsSpace: false, out _) ? null : NotUnicode(name);
        return request.RouteValues[name] as string;
    }

    /// <summary>Reads the body (at most <paramref name="maxBytes"/>); on a body the API cannot take, the refusal to answer with.</summary>
    public static async Task<(ApiParameters? Parameters, JsonHttpResult<ApiError>? Refusal)> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge());
        }

        var bytes = await ReadBodyAsync(request.Body, maxBytes, cancellationToken);
        if (bytes is null)
        {
            return (null, TooLarge());
        }

        // Query names have always been matched regardless of case; body members by their exact name.
        var query = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        var queryText = request.QueryString.HasValue ? request.QueryString.Value![1..] : "";
        if (ReadForm(Encoding.Latin1.GetBytes(queryText), query) is { } queryProblem)
        {
            return (null, BadRequest(queryProblem));
        }

        var values = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var notText = new HashSet<string>(StringComparer.Ordinal);
        // An empty body says nothing, whatever its Content-Type: the parameters are in the query string.
        if (bytes.Length > 0)
        {
            var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed : null;
            var isJson = IsJson(mediaType?.MediaType.Value);
            var isForm = string.Equals(mediaType?.MediaType.Value, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);
            if (!isJson && !isForm)
            {
                return (null, ApiJson.Error(
                    StatusCodes.Status415UnsupportedMediaType,
                    ApiErrorCode.UnsupportedMediaType,
                    $"Send parameters as application/json or application/x-www-form-urlencoded (with a Content-Type header saying which), or in the query string; not as {(string.IsNullOrEmpty(request.ContentType) ? "a body without Content-Type" : request.ContentType)}."));
            }

            if (mediaType!.Charset.HasValue && !IsUtf8(mediaType.Charset.Value!))
            {
                return (null, ApiJson.Error(
                    StatusCodes.Status415UnsupportedMediaType,
                    ApiErrorCode.UnsupportedMediaType,
                    $"Send the body in UTF-8; the character set '{mediaType.Charset.Value}' is not supported."));
            }

            // A byte-order mark is not part of the parameters.
            var text = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes.AsMemory(Encoding.UTF8.Preamble.Length) : bytes.AsMemory();
            var problem = isJson ? ReadJson(text, values, notText) : ReadForm(text.Span, values);
            if (problem is not null)
            {
                return (null, BadRequest(problem));
            }
        }

        return (new ApiParameters(values, notText, query), null);
    }

    private static string NotText(string name) => $"Parameter '{name}' must be a string.";

    private static string NotUnicode(string name) => $"Parameter '{name}' holds text that is not valid Unicode (UTF-8).";

    private static JsonHttpResult<ApiError> TooLarge() => ApiJson.Error(StatusCodes.Status413PayloadTooLarge, ApiErrorCode.BodyTooLarge, ApiCallRules.BodyTooLarge);

    private static JsonHttpResult<ApiError> BadRequest(Problem problem) =>
        ApiJson.Error(StatusCodes.Status400BadRequest, problem.Parameter is null ? ApiErrorCode.InvalidBody : ApiErrorCode.InvalidParameter, problem.Message, problem.Parameter);

    private static bool IsJson(string? mediaType) =>
        string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase)
        || (mediaType?.EndsWith("+json", StringComparison.OrdinalIgnoreCase) ?? false);

    private static bool IsUtf8(string charset) =>
        charset.Trim('"', ' ').ToUpperInvariant() is "UTF-8" or "UTF8" or "US-ASCII";

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

    private static Problem? ReadJson(ReadOnlyMemory<byte> bytes, Dictionary<string, List<string>> values, HashSet<string> notText)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException)
        {
            return new("The request body is not valid JSON.");
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
                return new("The JSON body must be an object with the parameters as members.");
            }

            foreach (var member in root.EnumerateObject())
            {
                // The parser leaves strings as they came; reading one that is not valid UTF-8 or holds a lone
                // surrogate (\ud800) throws.
                string name;
                try
                {
                    name = member.Name;
                }
                catch (InvalidOperationException)
                {
                    return new("The JSON body holds a member name that is not valid Unicode (UTF-8).");
                }

                switch (member.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        try
                        {
                            Add(values, name, member.Value.GetString()!);
                        }
                        catch (InvalidOperationException)
                        {
                            return new(NotUnicode(name), name);
                        }

                        break;
                    case JsonValueKind.Null:
                        break;
                    default:
                        notText.Add(name);
                        break;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// <c>name=value&amp;...</c> as browsers and PHP's http_build_query write it, for form bodies and query strings:
    /// '+' is a space, %XX a byte, and the bytes must be UTF-8.
    /// </summary>
    private static Problem? ReadForm(ReadOnlySpan<byte> text, Dictionary<string, List<string>> values)
    {
        foreach (var range in text.Split((byte)'&'))
        {
            var pair = text[range];
            if (pair.IsEmpty)
            {
                continue;
            }

            var equals = pair.IndexOf((byte)'=');
            var encodedName = equals < 0 ? pair : pair[..equals];
            var encodedValue = equals < 0 ? [] : pair[(equals + 1)..];
            if (!TryDecode(encodedName, plusIsSpace: true, out var name))
            {
                return new("A parameter name is not valid Unicode (UTF-8).");
            }

            if (!TryDecode(encodedValue, plusIsSpace: true, out var value))
            {
                return new(NotUnicode(name), name);
            }

            Add(values, name, value);
        }

        return null;
    }

    /// <summary>Percent-decodes <paramref name="encoded"/> and reads it as strict UTF-8; a '%' not followed by two hex digits stays itself.</summary>
    private static bool TryDecode(ReadOnlySpan<byte> encoded, bool plusIsSpace, out string text)
    {
        var bytes = new byte[encoded.Length];
        var length = 0;
        for (var i = 0; i < encoded.Length; i++)
        {
            var b = encoded[i];
            if (b == '%' && i + 2 < encoded.Length && IsHex(encoded[i + 1]) && IsHex(encoded[i + 2]))
            {
                b = (byte)((HexValue(encoded[i + 1]) << 4) | HexValue(encoded[i + 2]));
                i += 2;
            }
            else if (b == '+' && plusIsSpace)
            {
                b = (byte)' ';
            }

            bytes[length++] = b;
        }

        try
        {
            text = StrictUtf8.GetString(bytes, 0, length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            text = "";
            return false;
        }
    }

    private static bool IsHex(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private static void Add(Dictionary<string, List<string>> values, string name, string value)
    {
        if (!values.TryGetValue(name, out var list))
        {
            values[name] = list = [];
        }

        list.Add(value);
    }

    /// <summary>Why the parameters cannot be read, and the parameter to blame when there is one.</summary>
    private sealed record Problem(string Message, string? Parameter = null);
}
