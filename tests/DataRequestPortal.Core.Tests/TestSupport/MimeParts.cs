using System.Text;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Reads parts back out of a MIME message the way a mail program would, to check what was built.</summary>
public static class MimeParts
{
    /// <summary>The decoded content of the quoted-printable part with this content type; fails on a line over 76 characters.</summary>
    public static string Text(string mime, string contentType)
    {
        var body = Body(mime, $"Content-Type: {contentType}; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n");
        Assert.All(body.Split("\r\n"), line => Assert.True(line.Length <= 76, $"Quoted-printable line of {line.Length} characters: {line}"));
        var bytes = new List<byte>();
        var unfolded = body.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < unfolded.Length; i++)
        {
            if (unfolded[i] == '=')
            {
                bytes.Add(Convert.ToByte(unfolded.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
            {
                bytes.Add((byte)unfolded[i]);
            }
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>The decoded content of the base64 part attached under this file name.</summary>
    public static byte[] Attachment(string mime, string fileName)
    {
        var body = Body(mime, $"Content-Disposition: attachment; filename=\"{fileName}\"\r\nContent-Transfer-Encoding: base64\r\n\r\n");
        Assert.All(body.Split("\r\n"), line => Assert.True(line.Length <= 76, $"Base64 line of {line.Length} characters."));
        return Convert.FromBase64String(body.Replace("\r\n", "", StringComparison.Ordinal));
    }

    // A part's body runs from the blank line after its headers to the CRLF before the next boundary (RFC 2046 §5.1.1).
    private static string Body(string mime, string headers)
    {
        var start = mime.IndexOf(headers, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No part with headers {headers.Replace("\r\n", " ", StringComparison.Ordinal)}");
        start += headers.Length;
        var end = mime.IndexOf("\r\n--=_", start, StringComparison.Ordinal);
        Assert.True(end >= 0, "The part is not closed by a boundary.");
        return mime[start..end];
    }
}
