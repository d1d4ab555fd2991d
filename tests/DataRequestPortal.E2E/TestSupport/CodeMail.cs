using System.Text.RegularExpressions;
using MimeKit;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>A sign-in code mail as the subject reads it: the 6-digit code, and the sign-in link when the portal has a public URL.</summary>
public sealed partial record CodeMail(string Subject, string Code, Uri? Link, string Text)
{
    /// <summary>The code and link from a message MimeKit decoded (so quoted-printable and line wrapping are undone), or null for another kind of mail.</summary>
    public static CodeMail? TryParse(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var subject = SubjectPattern().Match(message.Subject ?? "");
        if (!subject.Success)
        {
            return null;
        }

        var text = message.TextBody ?? "";
        var code = subject.Groups["code"].Value;
        if (!text.Contains(code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The code mail's text does not contain its code {code}:\n{text}");
        }

        var link = LinkPattern().Match(text);
        return new CodeMail(message.Subject!, code, link.Success ? new Uri(link.Value) : null, text);
    }

    [GeneratedRegex(@"^(?<code>\d{6}) is your code for ")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"https?://\S+/my-data/verify\?link=\S+")]
    private static partial Regex LinkPattern();
}
