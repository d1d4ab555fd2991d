using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;

namespace DataRequestPortal.Core.Requests;

/// <summary>
/// The portal's one definition of "the same email address". An address is accepted in one canonical form and from
/// then on compared ordinally, exactly as written: subject requests, subject and staff accounts, sign-in limits,
/// live-update groups and the audit log all use this form, and account lookups use <see cref="LookupKey"/>, which
/// maps two addresses to the same key only when their canonical forms are equal.
/// </summary>
/// <remarks>
/// Canonical form: the address is trimmed and put in Unicode normalisation form C; ASCII letters are lower-cased,
/// nothing else is case-mapped (so ſ, K, ß, ı, İ and full-width letters never fold onto another address's letters);
/// the domain is in its ASCII (IDNA) form. Refused: control, format (zero-width, direction), private-use, unassigned
/// and unpaired surrogate characters, a local part with compatibility characters (ſ, full-width forms, ligatures:
/// anything that NFKC would change), and a domain not written in its own IDNA form (mapped or disallowed characters).
/// </remarks>
public static class EmailAddresses
{
    public const int MaxLength = 254;

    private const int MaxLocalLength = 64;

    private const int MaxLabelLength = 63;

    private static readonly IdnMapping Idna = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>The canonical form of <paramref name="value"/>, or false with <paramref name="problem"/> saying why it is not an address.</summary>
    public static bool TryCanonicalize(string? value, [NotNullWhen(true)] out string? canonical, [NotNullWhen(false)] out string? problem)
    {
        canonical = null;
        var text = value?.Trim() ?? "";
        if (text.Length == 0)
        {
            problem = "Enter an email address.";
            return false;
        }

        if (Canonical(text) is { } form)
        {
            canonical = form;
            problem = null;
            return true;
        }

        problem = $"'{Shorten(text)}' is not a valid email address.";
        return false;
    }

    public static bool IsValid(string? value) => TryCanonicalize(value, out _, out _);

    /// <summary>
    /// The key Identity looks accounts up by (its <c>ILookupNormalizer</c>): the canonical form with ASCII letters in upper
    /// case, so keys of plain ASCII names (roles, older accounts) stay what Identity always stored. Text that is not an
    /// address (a mistyped sign-in name, a role) only has its ASCII letters upper-cased: it can never meet an address.
    /// </summary>
    [return: NotNullIfNotNull(nameof(value))]
    public static string? LookupKey(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var text = value.Trim();
        return AsciiUpper(Canonical(text) ?? SafeNfc(text));
    }

    private static string? Canonical(string text)
    {
        if (text.Length > MaxLength || !AllCharactersAllowed(text))
        {
            return null;
        }

        var nfc = text.Normalize(NormalizationForm.FormC);
        var at = nfc.LastIndexOf('@');
        if (at <= 0 || at == nfc.Length - 1)
        {
            return null;
        }

        var local = nfc[..at];
        var domain = CanonicalDomain(nfc[(at + 1)..]);
        if (domain is null || !IsLocalPart(local))
        {
            return null;
        }

        var address = AsciiLower(local) + "@" + domain;
        return address.Length <= MaxLength ? address : null;
    }

    private static bool AllCharactersAllowed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                if (!Allowed(CharUnicodeInfo.GetUnicodeCategory(text, i)))
                {
                    return false;
                }

                i++;
                continue;
            }

            if (char.IsSurrogate(c) || char.IsWhiteSpace(c) || !Allowed(CharUnicodeInfo.GetUnicodeCategory(c)))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Allowed(UnicodeCategory category) => category is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.PrivateUse
        or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.SpaceSeparator);

    /// <summary>RFC 5322 dot-atoms (no quoted local parts), with any other non-ASCII character allowed as RFC 6531 does.</summary>
    private static bool IsLocalPart(string local)
    {
        if (local.Length > MaxLocalLength || local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        // A compatibility character (ſ, full-width, ligatures) looks like or folds onto another address's letters.
        if (!string.Equals(local, local.Normalize(NormalizationForm.FormKC), StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in local)
        {
            if (c < 0x80 && !(char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal)))
            {
                return false;
            }
        }

        return true;
    }

    private static string? CanonicalDomain(string domain)
    {
        string ascii;
        try
        {
            // Checks A-labels (xn--) as well as converting U-labels.
            ascii = AsciiLower(Idna.GetAscii(domain));

            // A domain written with mapped characters (ſ, full-width letters) is refused rather than silently turned into another.
            if (!IsAscii(domain) && !string.Equals(Idna.GetUnicode(ascii), domain.ToLowerInvariant(), StringComparison.Ordinal))
            {
                return null;
            }
        }
        catch (ArgumentException)
        {
            return null;
        }

        var labels = ascii.Split('.');
        if (labels.Length < 2 || ascii.Length > 253 || labels.All(label => label.All(char.IsAsciiDigit)))
        {
            return null;
        }

        foreach (var label in labels)
        {
            if (label.Length is 0 or > MaxLabelLength || label.StartsWith('-') || label.EndsWith('-')
                || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return null;
            }
        }

        return ascii;
    }

    private static string SafeNfc(string text)
    {
        try
        {
            return text.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Unpaired surrogates cannot be normalised; such text is never an address and is looked up as it is.
            return text;
        }
    }

    private static bool IsAscii(string text) => text.All(char.IsAscii);

    private static string AsciiLower(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + 32) : source[i];
        }
    });

    private static string AsciiUpper(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - 32) : source[i];
        }
    });

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
