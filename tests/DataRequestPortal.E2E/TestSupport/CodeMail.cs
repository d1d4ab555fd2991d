using System.Text.RegularExpressions;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>A mail the portal wrote into its pickup folder, as its recipient reads it.</summary>
public sealed record SentMail(string Subject, string Text, string Html, string? RequestId);

/// <summary>A sign-in code mail as the subject reads it: the 6-digit code, and the sign-in link when the portal has a public URL.</summary>
public sealed partial record CodeMail(string Subject, string Code, Uri? Link, string Text)
{
    /// <summary>The code and link from a decoded mail, or null for another kind of mail.</summary>
    public static CodeMail? TryParse(SentMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var subject = SubjectPattern().Match(mail.Subject);
        if (!subject.Success)
        {
            return null;
        }

        var code = subject.Groups["code"].Value;
        if (!CodeInText().IsMatch(mail.Text) || !mail.Text.Contains(code, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The code mail's text does not give its code {code}:\n{mail.Text}");
        }

        var link = LinkPattern().Match(mail.Text);
        return new CodeMail(mail.Subject, code, link.Success ? new Uri(link.Value) : null, mail.Text);
    }

    // In every language the subject may read: "123456 is your code for …", "… is uw code voor …", "… ist Ihr Code für …", "… est votre code pour …".
    [GeneratedRegex(@"^(?<code>\d{6}) (is your code for|is uw code voor|ist Ihr Code für|est votre code pour) ")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^(Your code is|Uw code is|Ihr Code lautet|Votre code est) ?: \d{6}", RegexOptions.Multiline)]
    private static partial Regex CodeInText();

    [GeneratedRegex(@"https?://\S+/my-data/verify\?link=\S+")]
    private static partial Regex LinkPattern();
}
