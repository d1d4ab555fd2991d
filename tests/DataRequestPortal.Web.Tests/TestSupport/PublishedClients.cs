using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>A value a PHP client hands its caller: false, true, a string (an id, or a body it did not decode) or decoded JSON.</summary>
public abstract record PhpValue
{
    public sealed record False : PhpValue;

    public sealed record True : PhpValue;

    public sealed record Text(string Value) : PhpValue;

    public sealed record Decoded(JsonElement Value) : PhpValue;
}

/// <summary>A PHP exception the client throws, with the code it gives it.</summary>
public sealed class PhpRuntimeException(string message, int code) : Exception(message)
{
    public int Code { get; } = code;
}

/// <summary>
/// The clients written for SMTPeter's and Copernica's datarequest API, as far as the portal's answers matter to them: the
/// exact requests they send, and what each concludes from an answer. Each part re-states, in C#, the decisions of the file
/// it names (described here, not copied); host and protocol are the only things changed, as a user pointing them at the
/// portal would.
/// </summary>
public static partial class PublishedClients
{
    // ---- What they send ----------------------------------------------------------------------------------------------

    /// <summary>
    /// Copernica's <c>CopernicaRestAPI::post()</c> (copernica_rest_api.php; the REST API PHP example from 2017 on, and the
    /// downloadable class since 2019): POST to <c>/v{version}/{resource}</c> with the token as the only query parameter
    /// (<c>http_build_query</c>), the data <c>json_encode</c>d, and the header <c>content-type: application/json</c>. The
    /// resource goes into the URL as the caller wrote it, so an address in it is not escaped.
    /// </summary>
    public static HttpRequestMessage CopernicaPost(string token, int version, string resource, IReadOnlyDictionary<string, string>? data = null) =>
        JsonPost($"/v{version}/{resource}?{HttpBuildQuery(("access_token", token))}", PhpJsonEncode(data));

    /// <summary>
    /// <c>CopernicaRestAPI::get()</c>: GET <c>/v{version}/{resource}</c> with the token and the parameters in the query
    /// (<c>http_build_query</c>), no body.
    /// </summary>
    public static HttpRequestMessage CopernicaGet(string token, int version, string resource, params (string Name, string Value)[] parameters) =>
        new(HttpMethod.Get, $"/v{version}/{resource}?{HttpBuildQuery([("access_token", token), .. parameters])}");

    /// <summary>
    /// SMTPeter's PHP example class (SMTPeter/en/php-example.md, <c>SMTPeter::post()</c>): POST to <c>/v1/{method}</c> with
    /// <c>?access_token=</c> and the <c>urlencode</c>d token, the fields <c>json_encode</c>d, <c>content-type: application/json</c>.
    /// </summary>
    public static HttpRequestMessage SmtpeterPhpPost(string token, string method, IReadOnlyDictionary<string, string> fields) =>
        JsonPost($"/v1/{method}?access_token={PhpUrlEncode(token)}", PhpJsonEncode(fields));

    /// <summary>
    /// SMTPeter's Python example class (SMTPeter/en/python-example.md): <c>requests.post</c> to <c>/v1/{method}</c> with
    /// <c>?access_token=</c> and the token as it is, the fields as <c>json.dumps</c> writes them, <c>Content-type: application/json</c>.
    /// </summary>
    public static HttpRequestMessage SmtpeterPythonPost(string token, string method, IReadOnlyDictionary<string, string> fields) =>
        JsonPost($"/v1/{method}?access_token={token}", "{" + string.Join(", ", fields.Select(f => $"{PythonString(f.Key)}: {PythonString(f.Value)}")) + "}");

    /// <summary>
    /// The third-party client rmuit/copernica-api (src/CopernicaRestAPI.php with <c>throwOnError</c>, as its RestClient uses
    /// it): like Copernica's class, but the query is built with <c>rawurlencode</c>, the token last.
    /// </summary>
    public static HttpRequestMessage RmuitPost(string token, int version, string resource, IReadOnlyDictionary<string, string>? data = null) =>
        JsonPost($"/v{version}/{resource}?access_token={Uri.EscapeDataString(token)}", PhpJsonEncode(data));

    public static HttpRequestMessage RmuitGet(string token, int version, string resource) =>
        new(HttpMethod.Get, $"/v{version}/{resource}?access_token={Uri.EscapeDataString(token)}");

    // ---- What they conclude ------------------------------------------------------------------------------------------

    /// <summary>
    /// <c>CopernicaRestAPI::sendData()</c> for a POST (copernica_rest_api.php, from the 2017-05 version to the one
    /// rmuit/copernica-api took from Copernica's site in 2020): no status, or 400, is <c>false</c>; otherwise the first
    /// <c>X-Created:\s?(\d+)</c> in the headers and body (matched case-insensitively) is the id; without one, <c>true</c>.
    /// </summary>
    public static async Task<PhpValue> CopernicaPostResultAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 0 or 400)
        {
            return new PhpValue.False();
        }

        var created = CreatedHeader().Match(await RawAnswerAsync(response));
        return created.Success ? new PhpValue.Text(created.Groups[1].Value) : new PhpValue.True();
    }

    /// <summary>
    /// <c>CopernicaRestAPI::get()</c>: the status is never looked at. The versions from 2019 on decode the body only when
    /// <c>curl_getinfo(CURLINFO_CONTENT_TYPE)</c> is exactly <c>application/json</c> (otherwise they hand over the text);
    /// the versions before decode whatever came.
    /// </summary>
    public static async Task<PhpValue> CopernicaGetResultAsync(HttpResponseMessage response, bool before2019 = false)
    {
        var body = await response.Content.ReadAsStringAsync();
        if (!before2019 && ContentTypeOf(response) != "application/json")
        {
            return new PhpValue.Text(body);
        }

        return new PhpValue.Decoded(JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>
    /// <c>SMTPeter::post()</c> and <c>SMTPeter::get()</c>: the status is never looked at; the body is decoded when the
    /// content type is exactly <c>application/json</c>, and handed over as text otherwise.
    /// </summary>
    public static async Task<PhpValue> SmtpeterPhpResultAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return ContentTypeOf(response) == "application/json" ? new PhpValue.Decoded(JsonDocument.Parse(body).RootElement.Clone()) : new PhpValue.Text(body);
    }

    /// <summary>
    /// rmuit/copernica-api's <c>RestClient::post()</c>: <c>curlExec()</c> throws for any status outside 200-299 (the status
    /// is the exception's code, the answer its message); a success without a numeric <c>X-Created</c> id throws code 803.
    /// </summary>
    public static async Task<string> RmuitPostAsync(HttpResponseMessage response)
    {
        var raw = await RawAnswerAsync(response);
        var status = (int)response.StatusCode;
        if (status is < 200 or >= 300)
        {
            throw new PhpRuntimeException($"POST returned HTTP code {status}. Response contents: \"{raw}\".", status);
        }

        var created = CreatedHeader().Match(raw);
        return created.Success ? created.Groups[1].Value : throw new PhpRuntimeException("Response to POST request returned no 'X-Created: ID' header.", 803);
    }

    /// <summary>
    /// rmuit/copernica-api's <c>RestClient::get()</c>: throws for any status outside 200-299; otherwise the decoded body,
    /// which must be a JSON object or array, and must not hold an <c>error</c> member (that throws too).
    /// </summary>
    public static async Task<JsonElement> RmuitGetAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status is < 200 or >= 300)
        {
            throw new PhpRuntimeException($"GET returned HTTP code {status}. Response contents: \"{body}\".", status);
        }

        var result = ContentTypeOf(response) == "application/json" ? JsonDocument.Parse(body).RootElement.Clone() : default;
        if (result.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array))
        {
            throw new PhpRuntimeException($"Response body is not a JSON encoded array: \"{body}\".", 0);
        }

        return result.ValueKind == JsonValueKind.Object && result.TryGetProperty("error", out _)
            ? throw new PhpRuntimeException("Copernica API request got an error: " + body, status)
            : result;
    }

    /// <summary>The answer as curl hands it over with <c>CURLOPT_HEADER</c>: status line, headers, a blank line, the body.</summary>
    public static async Task<string> RawAnswerAsync(HttpResponseMessage response)
    {
        var raw = new StringBuilder($"HTTP/1.1 {(int)response.StatusCode} {response.ReasonPhrase}\r\n");
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            raw.Append(name).Append(": ").AppendJoin(", ", values).Append("\r\n");
        }

        return raw.Append("\r\n").Append(await response.Content.ReadAsStringAsync()).ToString();
    }

    // ---- PHP's and Python's encodings --------------------------------------------------------------------------------

    /// <summary>
    /// PHP's <c>json_encode</c> of an array of strings, with its default flags: <c>[]</c> for an empty array, <c>/</c>
    /// escaped as <c>\/</c>, everything beyond ASCII as <c>\uXXXX</c> (lower-case hex).
    /// </summary>
    public static string PhpJsonEncode(IReadOnlyDictionary<string, string>? data) =>
        data is null || data.Count == 0 ? "[]" : "{" + string.Join(",", data.Select(d => $"{PhpString(d.Key)}:{PhpString(d.Value)}")) + "}";

    /// <summary>PHP's <c>http_build_query</c>: <c>urlencode</c>d names and values joined with <c>&amp;</c>.</summary>
    public static string HttpBuildQuery(params (string Name, string Value)[] parameters) =>
        string.Join("&", parameters.Select(p => $"{PhpUrlEncode(p.Name)}={PhpUrlEncode(p.Value)}"));

    /// <summary>PHP's <c>urlencode</c>: letters, digits and <c>-_.</c> stay; a space is <c>+</c>; every other byte is <c>%XX</c>.</summary>
    public static string PhpUrlEncode(string value)
    {
        var encoded = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            encoded.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c.ToString() : c == ' ' ? "+" : $"%{b:X2}");
        }

        return encoded.ToString();
    }

    private static HttpRequestMessage JsonPost(string target, string json)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return new HttpRequestMessage(HttpMethod.Post, target) { Content = content };
    }

    private static string PhpString(string value) => Quote(value, escapeSlash: true);

    /// <summary><c>json.dumps</c> with its defaults: <c>ensure_ascii</c>, no escaped slash.</summary>
    private static string PythonString(string value) => Quote(value, escapeSlash: false);

    private static string Quote(string value, bool escapeSlash)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '/' when escapeSlash => "\\/",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when c < 0x20 || c > 0x7F => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    /// <summary>What <c>curl_getinfo(CURLINFO_CONTENT_TYPE)</c> reports: the header's value as sent.</summary>
    private static string? ContentTypeOf(HttpResponseMessage response) => response.Content.Headers.ContentType?.ToString();

    [GeneratedRegex(@"X-Created:\s?(\d+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedHeader();
}
