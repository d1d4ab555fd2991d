using System.Buffers.Binary;
using PdfSharp.Fonts;

namespace DataRequestPortal.Core.Export;

/// <summary>
/// The report's typeface, Roboto (Apache 2.0, <c>wwwroot-assets/fonts/roboto</c>), embedded in this assembly so every
/// machine renders the same PDF. It covers Latin, Greek and Cyrillic; DejaVu Sans (<c>wwwroot-assets/fonts/dejavu</c>)
/// stands in for the characters it lacks, such as Hebrew and Arabic. <see cref="Covers"/> and
/// <see cref="FallbackCovers"/> tell which characters they can show, so the rest can be replaced visibly instead of
/// vanishing.
/// </summary>
internal sealed class ReportFonts : IFontResolver
{
    public const string Family = "Roboto";

    public const string MediumFamily = "Roboto Medium";

    public const string FallbackFamily = "DejaVu Sans";

    private static readonly Lock Registration = new();

    private static readonly Lazy<CharacterSet> Coverage = new(() => CharacterSet.FromCmap(Load("Roboto-Regular")));

    private static readonly Lazy<CharacterSet> FallbackCoverage = new(() => CharacterSet.FromCmap(Load("DejaVuSans")));

    private ReportFonts()
    {
    }

    /// <summary>
    /// Installs the resolver in PDFsharp's process-wide settings, once; later calls find it there. A resolver installed
    /// by someone else is left alone only if it can resolve the report's family.
    /// </summary>
    public static void Register()
    {
        lock (Registration)
        {
            switch (GlobalFontSettings.FontResolver)
            {
                case ReportFonts:
                    return;
                case null:
                    GlobalFontSettings.FontResolver = new ReportFonts();
                    return;
                case var other when other.ResolveTypeface(Family, false, false) is null:
                    throw new InvalidOperationException("Another PDFsharp font resolver is installed and it does not know the report's typeface.");
            }
        }
    }

    /// <summary>Whether the typeface has a glyph for this code point (all weights share one character set).</summary>
    public static bool Covers(int codePoint) => Coverage.Value.Contains(codePoint);

    /// <summary>Whether the stand-in typeface has a glyph for this code point.</summary>
    public static bool FallbackCovers(int codePoint) => FallbackCoverage.Value.Contains(codePoint);

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        if (string.Equals(familyName, FallbackFamily, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo("DejaVuSans");
        }

        if (string.Equals(familyName, MediumFamily, StringComparison.OrdinalIgnoreCase))
        {
            return new FontResolverInfo("Roboto-Medium");
        }

        if (!string.Equals(familyName, Family, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return (bold, italic) switch
        {
            (true, _) => new FontResolverInfo("Roboto-Bold"),
            (false, true) => new FontResolverInfo("Roboto-Italic"),
            _ => new FontResolverInfo("Roboto-Regular"),
        };
    }

    public byte[]? GetFont(string faceName) => faceName is "Roboto-Regular" or "Roboto-Medium" or "Roboto-Bold" or "Roboto-Italic" or "DejaVuSans" ? Load(faceName) : null;

    /// <summary>A file embedded for the report (fonts, the default logo), by its name in <c>wwwroot-assets</c>.</summary>
    internal static byte[] Resource(string fileName)
    {
        using var stream = typeof(ReportFonts).Assembly.GetManifestResourceStream($"Report.{fileName}")
            ?? throw new InvalidOperationException($"The report's {fileName} is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static byte[] Load(string face) => Resource(face + ".ttf");

    /// <summary>The code points a TrueType font maps to a glyph, read from its <c>cmap</c> table (formats 4 and 12).</summary>
    internal sealed class CharacterSet
    {
        private readonly bool[] basic = new bool[0x10000];
        private readonly HashSet<int> supplementary = [];

        public bool Contains(int codePoint) => codePoint < 0x10000 ? basic[codePoint] : supplementary.Contains(codePoint);

        public static CharacterSet FromCmap(byte[] font)
        {
            var set = new CharacterSet();
            var span = font.AsSpan();
            var tables = BinaryPrimitives.ReadUInt16BigEndian(span[4..]);
            var cmap = -1;
            for (var i = 0; i < tables; i++)
            {
                var record = span[(12 + (i * 16))..];
                if (record[..4].SequenceEqual("cmap"u8))
                {
                    cmap = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
                }
            }

            if (cmap < 0)
            {
                throw new InvalidDataException("The font has no cmap table.");
            }

            var subtables = BinaryPrimitives.ReadUInt16BigEndian(span[(cmap + 2)..]);
            for (var i = 0; i < subtables; i++)
            {
                var record = span[(cmap + 4 + (i * 8))..];
                var platform = BinaryPrimitives.ReadUInt16BigEndian(record);
                var encoding = BinaryPrimitives.ReadUInt16BigEndian(record[2..]);
                var offset = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(record[4..]);
                var isUnicode = platform == 0 || (platform == 3 && encoding is 1 or 10);
                if (!isUnicode)
                {
                    continue;
                }

                switch (BinaryPrimitives.ReadUInt16BigEndian(span[offset..]))
                {
                    case 4:
                        set.AddFormat4(span[offset..]);
                        break;
                    case 12:
                        set.AddFormat12(span[offset..]);
                        break;
                }
            }

            return set;
        }

        private void AddFormat4(ReadOnlySpan<byte> table)
        {
            var segments = BinaryPrimitives.ReadUInt16BigEndian(table[6..]) / 2;
            var ends = 14;
            var starts = ends + (segments * 2) + 2;
            var deltas = starts + (segments * 2);
            var rangeOffsets = deltas + (segments * 2);
            for (var s = 0; s < segments; s++)
            {
                int end = BinaryPrimitives.ReadUInt16BigEndian(table[(ends + (s * 2))..]);
                int start = BinaryPrimitives.ReadUInt16BigEndian(table[(starts + (s * 2))..]);
                int delta = BinaryPrimitives.ReadInt16BigEndian(table[(deltas + (s * 2))..]);
                int rangeOffset = BinaryPrimitives.ReadUInt16BigEndian(table[(rangeOffsets + (s * 2))..]);
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (rangeOffset == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = rangeOffsets + (s * 2) + rangeOffset + ((c - start) * 2);
                        glyph = at + 1 < table.Length ? BinaryPrimitives.ReadUInt16BigEndian(table[at..]) : 0;
                        glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                    }

                    basic[c] |= glyph != 0;
                }
            }
        }

        private void AddFormat12(ReadOnlySpan<byte> table)
        {
            var groups = BinaryPrimitives.ReadUInt32BigEndian(table[12..]);
            for (var g = 0; g < groups; g++)
            {
                var group = table[(16 + (g * 12))..];
                var start = (int)BinaryPrimitives.ReadUInt32BigEndian(group);
                var end = (int)BinaryPrimitives.ReadUInt32BigEndian(group[4..]);
                for (var c = start; c <= end && c <= 0x10FFFF; c++)
                {
                    if (c < 0x10000)
                    {
                        basic[c] = true;
                    }
                    else
                    {
                        supplementary.Add(c);
                    }
                }
            }
        }
    }
}
