using System.Net;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using MimeKit;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>A data subject's steps on the self-service pages, posted the way a browser posts the forms.</summary>
public static partial class SubjectSignInCalls
{
    public const string StartPath = "/my-data";
    public const string VerifyPath = "/my-data/verify";
    public const string RequestsPath = "/my-data/requests";

    public static async Task<HttpResponseMessage> RequestCodeAsync(HttpClient client, string email, bool viewOnly = false)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, StartPath);
        return await client.PostAsync(StartPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "request-code",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.ViewOnly"] = viewOnly ? "true" : "false",
        }));
    }

    public static async Task<HttpResponseMessage> EnterCodeAsync(HttpClient client, string code)
    {
        var token = await PortalFactory.AntiforgeryTokenAsync(client, VerifyPath);
        return await client.PostAsync(VerifyPath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "verify-code",
            ["__RequestVerificationToken"] = token,
            ["Input.Code"] = code,
        }));
    }

    /// <summary>The mails the portal wrote to <paramref name="email"/>, oldest first.</summary>
    public static IReadOnlyList<MimeMessage> MailsTo(this PortalFactory factory, string email)
    {
        var folder = Path.Combine(factory.DataDirectory, "mail");
        return !Directory.Exists(folder)
            ? []
            : Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal)
                .Select(path => MimeMessage.Load(path))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, Subject.Create(SubjectType.Email, email).Identifier, StringComparison.Ordinal)))
                .ToList();
    }

    /// <summary>The first mail to <paramref name="email"/> that matches, waiting for the portal's mail sender to write it.</summary>
    public static async Task<MimeMessage> WaitForMailAsync(this PortalFactory factory, string email, Func<MimeMessage, bool> match) =>
        (await Eventually.ReadAsync(
            () => Task.FromResult(factory.MailsTo(email).FirstOrDefault(match)),
            mail => mail is not null,
            _ => $"No such mail to {email}"))!;

    /// <summary>The code and sign-in link token of the newest code mail to <paramref name="email"/>.</summary>
    public static (string Code, string LinkToken) LatestCode(this PortalFactory factory, string email)
    {
        var mail = factory.MailsTo(email).Last(m => (m.Subject ?? "").Contains("is your code", StringComparison.Ordinal));
        var code = CodeInSubject().Match((mail.Subject ?? "")).Groups[1].Value;
        var link = LinkInText().Match((mail.TextBody ?? "")).Groups[1].Value;
        return (code, link);
    }

    /// <summary>Asks for a code and enters it; returns where the portal sent the signed-in subject.</summary>
    public static async Task<string> SignInAsync(this PortalFactory factory, HttpClient client, string email, bool viewOnly = false)
    {
        Assert.Equal(VerifyPath, PortalFactory.RedirectTarget(await RequestCodeAsync(client, email, viewOnly)));
        return PortalFactory.RedirectTarget(await EnterCodeAsync(client, factory.LatestCode(email).Code));
    }

    /// <summary>The request id in "/my-data/requests?filed=123" or "?active=123".</summary>
    public static long RequestIdIn(string target)
    {
        var match = RequestInTarget().Match(target);
        Assert.True(match.Success, $"No request id in {target}");
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<DataRequest> WaitForStateAsync(this PortalFactory factory, long id, RequestState state) =>
        Eventually.ReadAsync(
            () => factory.LoadRequestAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            request => request.State == state,
            request => $"Request {id} is still {request.State}, not {state},");

    public static async Task<string> PageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"^(\d{6}) is your code")]
    private static partial Regex CodeInSubject();

    [GeneratedRegex(@"[?&]link=([A-Za-z0-9_\-]+)")]
    private static partial Regex LinkInText();

    [GeneratedRegex(@"[?&](?:filed|active)=(\d+)")]
    private static partial Regex RequestInTarget();
}
