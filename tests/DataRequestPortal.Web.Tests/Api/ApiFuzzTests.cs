using System.Net;
using System.Text;
using System.Text.Json;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>
/// Hundreds of malformed calls on every API route, generated the same way on every run: whatever a client sends, the
/// answer is never a 5xx, always JSON (a PDF only when one is handed out), and a refused call files nothing.
/// </summary>
public class ApiFuzzTests : IClassFixture<KestrelPortal>
{
    private const string Json = "application/json";
    private const string FormType = "application/x-www-form-urlencoded";
    private const string ValidEmail = "fuzz@example.com";

    /// <summary>Characters that have broken parsers, comparisons or displays somewhere.</summary>
    private static readonly string[] Strange =
    [
        "\uFEFF", "\u202E", "\u202D", "\u200B", "\u200D", "\u2060", "\uFF20", "e\u0301", "\u0301", "\u017F", "\u212A",
        "\u00DF", "\u1E9E", "\u0131", "\u0130", "\u0085", "\u2028", "\u00A0", "\uFFFD", "\U0001F600", "\u0627\u0644",
        "\uFF0E", "\u3002", "\uFB00", "\u0000", "\u007F", "\t", " ", "\"", "\\", "%", "+", "&", "=", "<script>",
    ];

    private readonly PortalFactory portal;

    public ApiFuzzTests(KestrelPortal kestrel) => portal = kestrel.Portal;

    [Fact]
    public async Task MalformedCalls_OnEveryRoute_NeverA5xx_AlwaysJson_AndRefusedOnesFileNothing()
    {
        var token = await portal.IssueTokenAsync("fuzz");
        var client = portal.CreateClient();
        var id = await FinishedRequestAsync(token.PlainText);
        var calls = Calls(id).ToList();
        Assert.True(calls.Count >= 300, $"only {calls.Count} calls");

        var problems = new List<string>();
        var rowsAtStart = await CountRowsAsync();
        var created = 0;
        foreach (var call in calls)
        {
            var rowsBefore = await CountRowsAsync();
            var answer = await SendAsync(client, call, token.PlainText);
            var rowsAfter = await CountRowsAsync();
            var where = $"{call.Method} {Shorten(call.Target)} [{call.What}]: {(int)answer.StatusCode}";
            var body = await answer.Content.ReadAsByteArrayAsync();
            var contentType = answer.Content.Headers.ContentType?.ToString();

            if ((int)answer.StatusCode >= 500)
            {
                problems.Add($"{where} {Shorten(Encoding.UTF8.GetString(body))}");
                continue;
            }

            if (answer.StatusCode == HttpStatusCode.Created)
            {
                created++;
            }
            else if (rowsAfter != rowsBefore)
            {
                problems.Add($"{where} changed the number of requests from {rowsBefore} to {rowsAfter}");
            }

            if (call.RefusedByServer && answer.StatusCode == HttpStatusCode.BadRequest && body.Length == 0)
            {
                // Kestrel refuses such a request line itself, before the portal sees the call.
                continue;
            }

            if (contentType == "application/pdf" && answer.StatusCode == HttpStatusCode.OK && call.Target.EndsWith("/pdf", StringComparison.Ordinal))
            {
                continue;
            }

            if (contentType != Json)
            {
                problems.Add($"{where} Content-Type {contentType ?? "(none)"}");
                continue;
            }

            try
            {
                using var json = JsonDocument.Parse(body);
                if ((int)answer.StatusCode >= 400
                    && !(json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                        && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                        && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String))
                {
                    problems.Add($"{where} an error without an \"error\" message and code");
                }

                if (call.Method is "POST" or "PUT" && (int)answer.StatusCode is > 400 and < 500 and not 404)
                {
                    problems.Add($"{where} a refused {call.Method} that Copernica's PHP class would read as success");
                }
            }
            catch (JsonException)
            {
                problems.Add($"{where} a body that is not JSON: {Shorten(Encoding.UTF8.GetString(body))}");
            }
        }

        Assert.True(problems.Count == 0, $"{problems.Count} of {calls.Count} calls went wrong:\n" + string.Join("\n", problems));
        Assert.Equal(rowsAtStart + created, await CountRowsAsync());
    }

    /// <summary>Every call, in a fixed order; reads of the finished request first, its deletion last.</summary>
    private static IEnumerable<FuzzCall> Calls(string id)
    {
        var random = new Random(20261124);
        var filings = new[]
        {
            ("/v1/datarequest", "email", "monitor"), ("/v2/datarequest", "email", "monitor"),
            ("/v1/datarequest/", "email", "monitor"), ("/v2/datarequest/", "email", "monitor"),
            ("/v1/datarequest/fuzz%40example.com", null, "report"), ("/v3/email/fuzz%40example.com/datarequest", null, "report"),
            ("/v1/email/fuzz%40example.com/datarequest", null, "report"), ("/v2/email/fuzz@example.com/datarequest", null, "report"),
            ("/v3/profile/7/datarequest", null, "report"), ("/v3/subprofile/9/data", null, "report"),
            ("/v1/profile/7/datarequest", null, "report"), ("/v2/profile/7/datarequest", null, "report"),
            ("/v1/profile/7/data", null, "report"), ("/v2/profile/7/data", null, "report"),
            ("/v1/subprofile/9/datarequest", null, "report"), ("/v2/subprofile/9/datarequest", null, "report"),
            ("/v1/subprofile/9/data", null, "report"), ("/v2/subprofile/9/data", null, "report"),
        };
        var reads = new[]
        {
            ("GET", "/v1/datarequest/{0}/status"), ("GET", "/v2/datarequest/{0}/status"), ("GET", "/v1/datarequest/{0}"),
            ("GET", "/v2/datarequest/{0}"), ("GET", "/v2/datarequest/{0}/data"), ("GET", "/v1/datarequest/{0}/data"),
            ("GET", "/v3/datarequest/{0}/status"), ("GET", "/v3/datarequest/{0}"), ("GET", "/v3/datarequest/{0}/data"), ("GET", "/v1/datarequest/{0}/pdf"),
            ("GET", "/v2/datarequest/{0}/pdf"), ("DELETE", "/v1/datarequest/{0}"), ("DELETE", "/v2/datarequest/{0}"),
        };
        (string Path, string? Subject, string Report) Filing(int i) => filings[i % filings.Length];

        // The finished request's own reads: a real result, a real PDF.
        foreach (var (method, path) in reads.Where(r => r.Item1 == "GET"))
        {
            yield return new(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id), null, null, "the finished request");
        }

        // Bodies that are not JSON, or not the object the API wants.
        string[] badJson =
        [
            "{", "}", "[", "]", "{\"email\":}", "{\"email\"}", "{email:\"fuzz@example.com\"}", "{'email':'fuzz@example.com'}",
            "{\"email\":\"fuzz@example.com\",}", "{\"email\":\"fuzz@example.com\"} {}", "{\"email\":\"fuzz@example.com\"}]",
            "// comment\n{\"email\":\"fuzz@example.com\"}", "{\"email\":NaN}", "{\"email\":Infinity}", "{\"email\":undefined}",
            "nul", "tru", "\"fuzz@example.com\"", "42", "true", "null", "[1,2,3]", "[\"email\",\"fuzz@example.com\"]",
            "[{}]", "   ", "\n", "{\"email\":\"unterminated}", "{\"email\":\"bad \\x escape\"}", "{\"email\":\"\\u12\"}",
            "{\"email\":\"tab\there\"}", "{\"\":\"\"}", "{\"email\":1e99999}", "{\"email\":-}", "{\"email\":01}",
        ];
        for (var i = 0; i < badJson.Length; i++)
        {
            var (path, _, _) = Filing(i);
            yield return new("POST", path, Json, Utf8(badJson[i]), "bad JSON");
        }

        // Parameters of the wrong JSON type.
        string[] wrongTypes = ["5", "-1", "0", "1.5", "1e308", "true", "false", "[]", "[\"fuzz@example.com\"]", "{}", "{\"email\":\"fuzz@example.com\"}", "\"\"", "null", "[[[]]]"];
        foreach (var value in wrongTypes)
        {
            yield return new("POST", "/v2/datarequest", Json, Utf8($$"""{"email":{{value}}}"""), "email of a wrong type");
            yield return new("POST", "/v1/datarequest", Json, Utf8($$"""{"email":"{{ValidEmail}}","monitor":{{value}}}"""), "monitor of a wrong type");
            yield return new("POST", "/v2/profile/7/datarequest", Json, Utf8($$"""{"report":{{value}}}"""), "report of a wrong type");
            yield return new("POST", "/v3/email/fuzz%40example.com/datarequest", Json, Utf8($$"""{"report":{{value}}}"""), "report of a wrong type");
        }

        // Huge values, around Api:MaxBodyBytes (64 KiB).
        foreach (var size in new[] { 4_000, 60_000, 65_400, 65_536, 65_537, 70_000, 200_000 })
        {
            var padding = new string('a', Math.Max(0, size - 40));
            yield return new("POST", "/v2/datarequest", Json, Fit($$"""{"email":"{{padding}}@example.com"}""", size), $"a JSON body of {size} bytes");
            yield return new("POST", "/v1/profile/7/datarequest", FormType, Fit($"report={padding}%40example.com", size), $"a form body of {size} bytes");
            yield return new("POST", "/v2/datarequest", Json, Fit($$"""{"email":"{{ValidEmail}}","padding":"{{padding}}"}""", size), $"a JSON body of {size} bytes with padding");
        }

        yield return new("POST", "/v2/datarequest?email=" + new string('b', 3_000) + "%40example.com", null, null, "a long address in the query");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("monitor=https%3A%2F%2Fcrm.example.com%2F" + new string('c', 5_000) + "&email=fuzz%40example.com"), "a monitor URL over 2048 characters");

        // Nesting deeper than the JSON reader's default limit of 64.
        foreach (var depth in new[] { 63, 64, 65, 100, 1_000, 10_000 })
        {
            yield return new("POST", "/v2/datarequest", Json, Utf8(new string('[', depth) + new string(']', depth)), $"arrays {depth} deep");
            yield return new("POST", "/v2/datarequest", Json, Utf8("{\"email\":" + Nested(depth) + "}"), $"email nested {depth} deep");
            yield return new("POST", "/v1/subprofile/9/data", Json, Utf8("{\"report\":\"" + ValidEmail + "\",\"x\":" + Nested(depth) + "}"), $"an extra member nested {depth} deep");
        }

        // Lone surrogates, escaped.
        string[] lone = ["\\ud800", "\\udc00", "\\udbff\\udbff", "\\udfff\\ud800", "a\\ud83d", "\\ud83d@example.com"];
        for (var i = 0; i < lone.Length; i++)
        {
            yield return new("POST", "/v2/datarequest", Json, Utf8($$"""{"email":"{{lone[i]}}@example.com"}"""), "email with a lone surrogate");
            yield return new("POST", "/v1/datarequest", Json, Utf8($$"""{"email":"{{ValidEmail}}","monitor":"https://crm.example.com/{{lone[i]}}"}"""), "monitor with a lone surrogate");
            yield return new("POST", Filing(i + 6).Path, Json, Utf8($$"""{"{{lone[i]}}":"x","report":"{{ValidEmail}}"}"""), "a member name with a lone surrogate");
        }

        // Bytes that are not UTF-8: overlong, surrogate, cut short, never valid.
        byte[][] notUtf8 = [[0xC0, 0x80], [0xC1, 0xBF], [0xED, 0xA0, 0x80], [0xFF], [0xFE], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80], [0x80]];
        for (var i = 0; i < notUtf8.Length; i++)
        {
            var bytes = notUtf8[i];
            var escaped = string.Concat(bytes.Select(b => $"%{b:X2}"));
            yield return new("POST", "/v2/datarequest", Json, [.. Utf8("{\"email\":\"fuzz"), .. bytes, .. Utf8("@example.com\"}")], "raw bytes that are not UTF-8 in a JSON string");
            yield return new("POST", "/v1/datarequest", Json, [.. Utf8("{\"ema"), .. bytes, .. Utf8("il\":\"" + ValidEmail + "\"}")], "raw bytes that are not UTF-8 in a member name");
            yield return new("POST", "/v2/datarequest", FormType, [.. Utf8("email=fuzz"), .. bytes, .. Utf8("%40example.com")], "raw bytes that are not UTF-8 in a form body");
            yield return new("POST", "/v2/datarequest", FormType, Utf8($"email=fuzz{escaped}%40example.com"), "escaped bytes that are not UTF-8 in a form body");
            yield return new("POST", $"/v2/datarequest?email=fuzz{escaped}%40example.com", null, null, "escaped bytes that are not UTF-8 in the query");
            yield return new("POST", $"/v1/datarequest/fuzz{escaped}%40example.com", null, null, "escaped bytes that are not UTF-8 in the path");
            yield return new("POST", $"/v3/email/fuzz{escaped}%40example.com/datarequest?report={escaped}", null, null, "escaped bytes that are not UTF-8 in path and query");
            yield return new("GET", $"/v2/datarequest/{escaped}/status", null, null, "escaped bytes that are not UTF-8 as an id");
            yield return new("POST", $"/v1/datarequest/fuzz{Encoding.Latin1.GetString(bytes)}@example.com", null, null, "raw bytes in the path", RefusedByServer: true);
        }

        // Byte-order marks.
        yield return new("POST", "/v2/datarequest", Json, [0xEF, 0xBB, 0xBF, .. Utf8($$"""{"email":"{{ValidEmail}}"}""")], "JSON after a byte-order mark");
        yield return new("POST", "/v2/datarequest", FormType, [0xEF, 0xBB, 0xBF, .. Utf8("email=fuzz%40example.com")], "a form after a byte-order mark");
        yield return new("POST", "/v2/datarequest", Json, [0xEF, 0xBB, 0xBF], "only a byte-order mark");
        yield return new("POST", "/v2/datarequest", Json, [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Utf8("{}")], "two byte-order marks");
        yield return new("POST", "/v2/datarequest", Json, [0xFF, 0xFE, .. Encoding.Unicode.GetBytes($$"""{"email":"{{ValidEmail}}"}""")], "UTF-16 JSON with its byte-order mark");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("%EF%BB%BFemail=fuzz%40example.com"), "an escaped byte-order mark before a name");

        // Edge characters in every place a subject or report target can be.
        var templates = new[] { "fuzz{0}@example.com", "{0}@example.com", "fuzz@exa{0}mple.com", "fuzz{0}example.com" };
        var n = 0;
        foreach (var strange in Strange)
        {
            foreach (var template in templates)
            {
                var value = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, strange);
                var escaped = Uri.EscapeDataString(value);
                yield return (n++ % 7) switch
                {
                    0 => new("POST", "/v2/datarequest", Json, Utf8(JsonSerializer.Serialize(new Dictionary<string, string> { ["email"] = value })), "escaped JSON: " + Visible(value)),
                    1 => new("POST", "/v1/datarequest", Json, Utf8("{\"email\":\"" + value + "\"}"), "raw JSON: " + Visible(value)),
                    2 => new("POST", "/v2/datarequest/", FormType, Utf8("email=" + escaped), "form: " + Visible(value)),
                    3 => new("POST", "/v1/datarequest?email=" + escaped, null, null, "query: " + Visible(value)),
                    4 => new("POST", "/v1/datarequest/" + escaped, null, null, "path: " + Visible(value), RefusedByServer: strange == "\u0000"),
                    5 => new("POST", "/v3/email/" + escaped + "/datarequest", null, null, "path: " + Visible(value), RefusedByServer: strange == "\u0000"),
                    _ => new("POST", "/v2/profile/7/datarequest", FormType, Utf8("report=" + escaped), "report: " + Visible(value)),
                };
            }
        }

        // NUL bytes.
        yield return new("POST", "/v2/datarequest", Json, Utf8("{\"email\":\"fuzz\\u0000@example.com\"}"), "an escaped NUL in JSON");
        yield return new("POST", "/v2/datarequest", Json, [.. Utf8("{\"email\":\"fuzz"), 0x00, .. Utf8("@example.com\"}")], "a raw NUL in JSON");
        yield return new("POST", "/v2/datarequest", Json, [.. Utf8("{\"email\":\"" + ValidEmail + "\"}"), 0x00], "a NUL after the JSON");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("email=fuzz%00%40example.com"), "an escaped NUL in a form");
        yield return new("POST", "/v2/datarequest", FormType, [.. Utf8("email=fuzz"), 0x00, .. Utf8("%40example.com")], "a raw NUL in a form");
        yield return new("POST", "/v1/profile/7/datarequest?report=fuzz%00%40example.com", null, null, "a NUL in the query");
        yield return new("POST", "/v2/datarequest?%00=1&email=fuzz%40example.com", null, null, "a NUL as a query name");
        yield return new("GET", $"/v2/datarequest/{id}%00/status", null, null, "a NUL in an id", RefusedByServer: true);
        yield return new("POST", "/v1/profile/7%00/datarequest", null, null, "a NUL in a profile id", RefusedByServer: true);

        // Parameters given more than once, or in more than one place.
        yield return new("POST", "/v2/datarequest?email=query%40example.com", FormType, Utf8("email=fuzz%40example.com"), "email in query and body");
        yield return new("POST", "/v2/datarequest?email=nonsense", Json, Utf8($$"""{"email":"{{ValidEmail}}"}"""), "email in query (bad) and body (good)");
        yield return new("POST", "/v2/datarequest?email=fuzz%40example.com", Json, Utf8("""{"email":"nonsense"}"""), "email in query (good) and body (bad)");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("email=fuzz%40example.com&email=other%40example.com"), "email twice in a form");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("email=fuzz%40example.com&email=fuzz%40example.com"), "the same email twice in a form");
        yield return new("POST", "/v2/datarequest", Json, Utf8($$"""{"email":"{{ValidEmail}}","email":"other@example.com"}"""), "email twice in JSON");
        yield return new("POST", "/v2/datarequest", Json, Utf8($$"""{"email":5,"email":"{{ValidEmail}}"}"""), "email twice in JSON, once a number");
        yield return new("POST", "/v2/datarequest?email=fuzz%40example.com&email=other%40example.com", null, null, "email twice in the query");
        yield return new("POST", "/v1/subprofile/9/datarequest", FormType, Utf8($"report={ValidEmail}&report=https%3A%2F%2Fcrm.example.com%2F"), "report twice in a form");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("email[]=fuzz%40example.com"), "email as a PHP array");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("Email=fuzz%40example.com&EMAIL=x"), "email in other cases");
        yield return new("POST", "/v2/datarequest", FormType, Utf8("&&&=&email&=x&"), "a form of separators");

        // Content types the API does not take, and spellings of the ones it does.
        string?[] contentTypes =
        [
            "text/plain", "text/json", "multipart/form-data; boundary=x", "multipart/form-data", "application/xml", "text/xml", null,
            "application/octet-stream", "application/json; charset=utf-16", "application/json; charset=iso-8859-1", "application/json; charset=\"UTF-8\"",
            "application/json;charset=utf8", "APPLICATION/JSON", "application/problem+json", "application/jsonx", "application/x-www-form-urlencoded; charset=latin1",
            "application/x-www-form-urlencoded; charset=UTF-8", "garbage", "application/", "*/*", "application/json; charset=", ";;;",
        ];
        for (var i = 0; i < contentTypes.Length; i++)
        {
            var form = contentTypes[i]?.Contains("form", StringComparison.Ordinal) == true;
            var body = form ? Utf8($"email=fuzz{i}%40example.com") : Utf8($$"""{"email":"fuzz{{i}}@example.com"}""");
            yield return new("POST", "/v2/datarequest", contentTypes[i], body, $"Content-Type {contentTypes[i] ?? "(none)"}");
            yield return new("POST", "/v1/profile/7/datarequest", contentTypes[i], Utf8("report=x"), $"Content-Type {contentTypes[i] ?? "(none)"} with a form-like body");
        }

        yield return new("POST", "/v2/datarequest", "multipart/form-data; boundary=b", Utf8("--b\r\nContent-Disposition: form-data; name=\"email\"\r\n\r\nfuzz@example.com\r\n--b--\r\n"), "a real multipart body");
        yield return new("POST", "/v2/datarequest", "application/xml", Utf8("<email>fuzz@example.com</email>"), "an XML body");
        yield return new("GET", $"/v2/datarequest/{id}/status", "text/plain", Utf8("ignored"), "a GET with a body");

        // Ids of profiles and subprofiles that are not positive whole numbers, or too long.
        string[] badSubjectIds =
        [
            "0", "-1", "-0", "00", "0x1F", "1e5", "1E5", "+5", "5.0", "5,0", "1_000", "%205", "5%20", "%E2%80%8B5", "%EF%BC%95", "%D9%A5",
            "12345678901234567890", "123456789012345678901234567890", new string('9', 500), "9223372036854775807", "9223372036854775808",
            "NaN", "Infinity", "null", "undefined", "true", "%2F", "..", "%2E%2E", "5%2F6",
        ];
        for (var i = 0; i < badSubjectIds.Length; i++)
        {
            var kind = i % 2 == 0 ? "profile" : "subprofile";
            var tail = i % 4 < 2 ? "datarequest" : "data";
            yield return new("POST", $"/v{1 + (i % 3 == 0 ? 1 : 0)}/{kind}/{badSubjectIds[i]}/{tail}", null, null, "a subject id that is not a positive whole number");
        }

        // Request ids that cannot be ids (random, below 2^53), or are someone else's.
        string[] badRequestIds =
        [
            "0", "-1", "-" + id, "00" + id, "0x1F", "1e15", id + "0", id[..^1], "12345678901234567890", "123456789012345678901234567890",
            "9007199254740992", "9007199254740991", "9223372036854775807", "9223372036854775808", "18446744073709551616", new string('7', 400),
            "%20" + id, id + "%20", "%EF%BC%91%EF%BC%92", "%D9%A1%D9%A2", "abc", "null", "%2E%2E", "1234567890123456",
        ];
        for (var i = 0; i < badRequestIds.Length; i++)
        {
            var (method, path) = reads[i % reads.Length];
            yield return new(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, badRequestIds[i]), null, null, "a request id that is not this token's");
        }

        // Addresses that are too long, or not addresses at all.
        string[] badAddresses =
        [
            new string('a', 244) + "@example.com", new string('a', 255) + "@example.com", new string('a', 1_000) + "@example.com",
            new string('a', 65) + "@example.com", "fuzz@" + new string('d', 64) + ".com", "fuzz@" + string.Join(".", Enumerable.Repeat("d", 130)) + ".com",
            "@example.com", "fuzz@", "fuzz", "fuzz@@example.com", "fuzz@example", "\"fuzz\"@example.com", "Fuzz <fuzz@example.com>",
            "fuzz@[127.0.0.1]", "fuzz@example.com.", ".fuzz@example.com", "fu..zz@example.com", "fuzz@-example.com", "fuzz@example..com",
        ];
        for (var i = 0; i < badAddresses.Length; i++)
        {
            var escaped = Uri.EscapeDataString(badAddresses[i]);
            yield return (i % 3) switch
            {
                0 => new("POST", "/v2/datarequest", FormType, Utf8("email=" + escaped), "an address: " + Shorten(badAddresses[i])),
                1 => new("POST", "/v1/datarequest/" + escaped, null, null, "an address in the path: " + Shorten(badAddresses[i])),
                _ => new("POST", "/v2/subprofile/9/data", Json, Utf8(JsonSerializer.Serialize(new Dictionary<string, string> { ["report"] = badAddresses[i] })), "a report address: " + Shorten(badAddresses[i])),
            };
        }

        // Tokens that are missing, wrong, empty or in odd places.
        var tokenCases = new (TokenUse Token, string What)[]
        {
            (TokenUse.None, "no token"), (TokenUse.Invalid, "a made-up token"), (TokenUse.EmptyBearer, "an empty Bearer"),
            (TokenUse.OtherScheme, "a Basic header"), (TokenUse.InQuery, "the token in the query"), (TokenUse.NotUtf8InQuery, "a token that is not UTF-8 in the query"),
            (TokenUse.Huge, "a 10,000-character token"), (TokenUse.TwiceInQuery, "the token twice in the query"), (TokenUse.LowerCaseScheme, "bearer in lower case"),
        };
        for (var i = 0; i < tokenCases.Length; i++)
        {
            var (token, what) = tokenCases[i];
            var (method, path) = reads[i % 7];
            yield return new(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id), null, null, what, token);
            yield return new("POST", Filing(i).Path, FormType, Utf8("email=fuzz%40example.com&report=fuzz%40example.com"), what, token);
            yield return new("POST", "/v2/datarequest", Json, Utf8("{\"email\":\"\\ud800\"}"), what + ", with a lone surrogate", token);
        }

        // Seeded mutations of good bodies: bytes flipped, dropped, doubled or inserted.
        var seeds = new (string ContentType, string Body)[]
        {
            (Json, $$"""{"email":"{{ValidEmail}}","monitor":"https://crm.example.com/hook"}"""),
            (FormType, "email=fuzz%40example.com&monitor=https%3A%2F%2Fcrm.example.com%2Fhook"),
            (Json, $$"""{"report":"{{ValidEmail}}"}"""),
        };
        for (var i = 0; i < 90; i++)
        {
            var (contentType, body) = seeds[i % seeds.Length];
            var bytes = Utf8(body).ToList();
            for (var edits = random.Next(1, 4); edits > 0 && bytes.Count > 0; edits--)
            {
                var at = random.Next(bytes.Count);
                switch (random.Next(4))
                {
                    case 0: bytes[at] = (byte)random.Next(256); break;
                    case 1: bytes.RemoveAt(at); break;
                    case 2: bytes.Insert(at, bytes[at]); break;
                    default: bytes.Insert(at, (byte)random.Next(256)); break;
                }
            }

            var path = seeds[i % seeds.Length].Body.Contains("report", StringComparison.Ordinal) ? Filing(4 + (i % 10)).Path : Filing(i % 4).Path;
            yield return new("POST", path, contentType, [.. bytes], "a mutated body");
        }

        // Finally the finished request's deletion, then reads of what is left.
        yield return new("DELETE", $"/v1/datarequest/{id}", null, null, "deleting the finished request's result");
        foreach (var (method, path) in reads)
        {
            yield return new(method, string.Format(System.Globalization.CultureInfo.InvariantCulture, path, id), null, null, "after deletion");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpClient client, FuzzCall call, string token)
    {
        var target = call.Token switch
        {
            TokenUse.InQuery => WithQuery(call.Target, "access_token=" + token),
            TokenUse.NotUtf8InQuery => WithQuery(call.Target, "access_token=drp_%FF%FE"),
            TokenUse.TwiceInQuery => WithQuery(call.Target, $"access_token={token}&access_token={token}"),
            _ => call.Target,
        };
        if (target.Any(c => c > '\u007F'))
        {
            return await SendRawAsync(client.BaseAddress!, call.Method, target, "Bearer " + token);
        }

        using var request = new HttpRequestMessage(new HttpMethod(call.Method), new Uri(
            client.BaseAddress!.GetLeftPart(UriPartial.Authority) + target,
            new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true }));
        var authorization = call.Token switch
        {
            TokenUse.Valid => "Bearer " + token,
            TokenUse.Invalid => "Bearer drp_thisIsNotAToken",
            TokenUse.EmptyBearer => "Bearer ",
            TokenUse.OtherScheme => "Basic " + Convert.ToBase64String(Encoding.ASCII.GetBytes("user:" + token)),
            TokenUse.Huge => "Bearer drp_" + new string('x', 10_000),
            TokenUse.LowerCaseScheme => "bearer " + token,
            _ => null,
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        if (call.Body is not null)
        {
            request.Content = new ByteArrayContent(call.Body);

            // As curl does for large bodies: the portal's 413 comes before the body, which it would not read.
            request.Headers.ExpectContinue = call.Body.Length > 65_536;
            if (call.ContentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", call.ContentType);
            }
        }

        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    /// <summary>
    /// Sends a request line holding raw bytes (each character of <paramref name="target"/> one byte), which no HTTP
    /// client library lets through, over a plain socket.
    /// </summary>
    private static async Task<HttpResponseMessage> SendRawAsync(Uri server, string method, string target, string authorization)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = $"{method} {target} HTTP/1.1\r\nHost: {server.Authority}\r\nAuthorization: {authorization}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head));
        using var received = new MemoryStream();
        await stream.CopyToAsync(received);

        var bytes = received.ToArray();
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        var lines = Encoding.Latin1.GetString(bytes, 0, end < 0 ? bytes.Length : end).Split("\r\n");
        var headers = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = end < 0 ? [] : bytes[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }

        var response = new HttpResponseMessage((HttpStatusCode)int.Parse(lines[0].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture))
        {
            Content = new ByteArrayContent(body),
        };
        if (headers.TryGetValue("Content-Type", out var contentType))
        {
            response.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        return response;
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        using var body = new MemoryStream();
        var at = 0;
        while (at < chunked.Length)
        {
            var lineEnd = chunked.AsSpan(at).IndexOf("\r\n"u8);
            var size = Convert.ToInt32(Encoding.ASCII.GetString(chunked, at, lineEnd).Split(';')[0], 16);
            if (size == 0)
            {
                break;
            }

            body.Write(chunked, at + lineEnd + 2, size);
            at += lineEnd + 2 + size + 2;
        }

        return body.ToArray();
    }

    /// <summary>A request of this token that has finished collecting, so the data, result and PDF calls have something to hand out.</summary>
    private async Task<string> FinishedRequestAsync(string token)
    {
        var client = portal.CreateApiClient(token);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "nobody@example.com"))));
        await WaitForStatusAsync(client, id);
        return id;
    }

    private async Task<int> CountRowsAsync()
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.DataRequests.CountAsync();
    }

    private static string WithQuery(string target, string parameter) =>
        target + (target.Contains('?', StringComparison.Ordinal) ? "&" : "?") + parameter;

    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Pads or cuts <paramref name="text"/> (kept valid: ASCII only) to exactly <paramref name="size"/> bytes.</summary>
    private static byte[] Fit(string text, int size)
    {
        var bytes = Utf8(text);
        return bytes.Length >= size ? bytes : [.. bytes, .. Enumerable.Repeat((byte)' ', size - bytes.Length)];
    }

    private static string Visible(string text) =>
        string.Concat(text.Select(c => c is >= ' ' and < '\u007F' ? c.ToString() : $"\\u{(int)c:X4}"));

    private static string Shorten(string text) => text.Length <= 120 ? text : text[..117] + "...";

    private enum TokenUse
    {
        Valid,
        None,
        Invalid,
        EmptyBearer,
        OtherScheme,
        InQuery,
        NotUtf8InQuery,
        Huge,
        TwiceInQuery,
        LowerCaseScheme,
    }

    /// <param name="RefusedByServer">Kestrel itself refuses the request line (a NUL or raw non-ASCII byte in the path) with an empty 400.</param>
    private sealed record FuzzCall(string Method, string Target, string? ContentType, byte[]? Body, string What, TokenUse Token = TokenUse.Valid, bool RefusedByServer = false);
}
