using System.Text;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// Enough of right-to-left typesetting for names, addresses and short texts in Hebrew and Arabic inside a
/// left-to-right document: Arabic letters take their joined forms (initial, medial, final, isolated), and on each
/// line a run of right-to-left text is laid out from right to left, numbers inside it still left to right.
/// </summary>
internal static class RightToLeft
{
    /// <summary>Base letter → its presentation forms: isolated, final, and for letters that join on both sides initial, medial.</summary>
    private static readonly Dictionary<char, char[]> Forms = BuildForms();

    private const char Tatweel = '\u0640';

    public static bool IsStrong(int c) =>
        c is (>= 0x0590 and <= 0x05FF) or (>= 0x0600 and <= 0x065F) or (>= 0x066A and <= 0x06EF) or (>= 0x06FA and <= 0x08FF)
            or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF);

    /// <summary>Replaces Arabic letters by the form their neighbours call for; other text is returned as it is.</summary>
    public static string ShapeArabic(string text)
    {
        if (!text.Any(c => Forms.ContainsKey(c)))
        {
            return text;
        }

        var shaped = text.ToCharArray();
        for (var i = 0; i < text.Length; i++)
        {
            if (!Forms.TryGetValue(text[i], out var forms))
            {
                continue;
            }

            var before = Neighbour(text, i, -1);
            var after = Neighbour(text, i, +1);
            var joinsBefore = before is { } b && JoinsBothSides(b);
            var joinsAfter = forms.Length == 4 && after is { } a && (Forms.ContainsKey(a) || a == Tatweel);
            shaped[i] = (joinsBefore, joinsAfter) switch
            {
                (true, true) => forms[3],
                (false, true) => forms[2],
                (true, false) => forms[1],
                _ => forms[0],
            };
        }

        return new string(shaped);
    }

    /// <summary>A line (in reading order) in the order its characters go onto the page, left to right.</summary>
    public static string Visual(string line)
    {
        if (!line.Any(c => IsStrong(c)))
        {
            return line;
        }

        var runes = line.EnumerateRunes().ToArray();
        var result = new StringBuilder(line.Length);
        var i = 0;
        while (i < runes.Length)
        {
            if (!IsStrong(runes[i].Value))
            {
                result.Append(runes[i++].ToString());
                continue;
            }

            // The run goes on over spaces, digits and punctuation, up to the last right-to-left letter before a left-to-right one.
            var end = i;
            for (var k = i; k < runes.Length && !IsStrongLeftToRight(runes[k]); k++)
            {
                if (IsStrong(runes[k].Value))
                {
                    end = k;
                }
            }

            AppendReversed(result, runes.AsSpan(i, end - i + 1));
            i = end + 1;
        }

        return result.ToString();
    }

    private static void AppendReversed(StringBuilder result, ReadOnlySpan<Rune> run)
    {
        var k = run.Length - 1;
        while (k >= 0)
        {
            if (Rune.IsDigit(run[k]))
            {
                // A number keeps its own order: find where it starts and copy it forwards.
                var start = k;
                while (start > 0 && (Rune.IsDigit(run[start - 1]) || (run[start - 1].Value is '.' or ',' && start > 1 && Rune.IsDigit(run[start - 2]))))
                {
                    start--;
                }

                foreach (var digit in run[start..(k + 1)])
                {
                    result.Append(digit.ToString());
                }

                k = start - 1;
                continue;
            }

            result.Append(Mirror(run[k]).ToString());
            k--;
        }
    }

    private static Rune Mirror(Rune rune) => rune.Value switch
    {
        '(' => new Rune(')'),
        ')' => new Rune('('),
        '[' => new Rune(']'),
        ']' => new Rune('['),
        '{' => new Rune('}'),
        '}' => new Rune('{'),
        '<' => new Rune('>'),
        '>' => new Rune('<'),
        _ => rune,
    };

    private static bool IsStrongLeftToRight(Rune rune) => Rune.IsLetter(rune) && !IsStrong(rune.Value);

    private static bool JoinsBothSides(char c) => c == Tatweel || (Forms.TryGetValue(c, out var forms) && forms.Length == 4);

    /// <summary>The nearest letter on one side, passing over vowel marks, which do not break a join.</summary>
    private static char? Neighbour(string text, int at, int step)
    {
        for (var k = at + step; k >= 0 && k < text.Length; k += step)
        {
            var c = text[k];
            if (c is (>= '\u064B' and <= '\u065F') or '\u0670' or (>= '\u06D6' and <= '\u06ED'))
            {
                continue;
            }

            return c;
        }

        return null;
    }

    /// <summary>
    /// The Arabic Presentation Forms blocks list each letter's forms in the order isolated, final, initial, medial;
    /// compatibility decomposition names the letter each form belongs to.
    /// </summary>
    private static Dictionary<char, char[]> BuildForms()
    {
        var forms = new Dictionary<char, List<char>>();
        foreach (var (first, last) in new[] { (0xFB50, 0xFBFF), (0xFE80, 0xFEFC) })
        {
            for (var c = first; c <= last; c++)
            {
                var decomposed = ((char)c).ToString().Normalize(NormalizationForm.FormKC);
                if (decomposed.Length == 1 && decomposed[0] is >= '\u0621' and <= '\u06FF' && ReportFonts.FallbackCovers(c))
                {
                    (forms.TryGetValue(decomposed[0], out var list) ? list : forms[decomposed[0]] = []).Add((char)c);
                }
            }
        }

        return forms.Where(f => f.Value.Count is 2 or 4).ToDictionary(f => f.Key, f => f.Value.ToArray());
    }
}
