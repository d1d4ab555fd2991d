using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Tests.Requests;

public class EmailAddressesTests
{
    [Theory]
    [InlineData("jane@example.com", "jane@example.com")]
    [InlineData("  Jane.Doe@Example.COM ", "jane.doe@example.com")]
    [InlineData("a+tag@sub.example.org", "a+tag@sub.example.org")]
    [InlineData("jane@Bücher.de", "jane@xn--bcher-kva.de")] // a Unicode domain in its ASCII (IDNA) form
    [InlineData("jane@XN--BCHER-KVA.de", "jane@xn--bcher-kva.de")]
    [InlineData("jörg@example.net", "jörg@example.net")] // non-ASCII local parts are kept as written (RFC 6531)
    [InlineData("Jo\u0308rg@example.net", "jörg@example.net")] // a combining mark is composed (NFC)
    [InlineData("\u212Aim@example.net", "kim@example.net")] // the Kelvin sign is canonically the letter K, so the code goes to kim@
    [InlineData("straße@example.net", "straße@example.net")]
    [InlineData("jıll@example.net", "jıll@example.net")]
    [InlineData("JİLL@example.net", "jİll@example.net")] // only ASCII letters are lower-cased
    public void TryCanonicalize_Accepts_InOneCanonicalForm(string input, string expected)
    {
        Assert.True(EmailAddresses.TryCanonicalize(input, out var canonical, out var problem), problem);
        Assert.Equal(expected, canonical);
        Assert.True(EmailAddresses.TryCanonicalize(canonical, out var again, out _));
        Assert.Equal(canonical, again);
    }

    [Theory]
    [InlineData("p.janſen@example.net")] // long s: Unicode upper-casing turns it into S
    [InlineData("ｊane@example.net")] // full-width letters
    [InlineData("jane@ｅxample.net")]
    [InlineData("jane@exampleſ.net")]
    [InlineData("ﬁona@example.net")] // a ligature
    [InlineData("ja\u200Bne@example.net")] // zero-width space
    [InlineData("jane\u202E@example.net")] // right-to-left override
    [InlineData("jane\uFEFF@example.net")] // byte-order mark
    [InlineData("ja\u0000ne@example.net")]
    [InlineData("\"jane doe\"@example.net")] // quoted local parts are not taken
    [InlineData("jane..doe@example.net")]
    [InlineData("jane@xn--zz.de")] // not valid IDNA
    [InlineData("jane@-example.net")]
    [InlineData("jane@127.0.0.1")]
    [InlineData("jane@[127.0.0.1]")]
    [InlineData("jane@localhost")]
    [InlineData("Jane <jane@example.com>")]
    public void TryCanonicalize_RefusesLookAlikeAndInvisibleForms(string input)
    {
        Assert.False(EmailAddresses.TryCanonicalize(input, out var canonical, out var problem));
        Assert.Null(canonical);
        Assert.Contains("is not a valid email address", problem);
    }

    [Fact]
    public void TryCanonicalize_AnUnpairedSurrogate_IsRefused()
    {
        // Built here rather than in an attribute, where the test runner would replace it.
        Assert.False(EmailAddresses.TryCanonicalize("\uD800" + "jane@example.net", out _, out _));
        Assert.False(EmailAddresses.TryCanonicalize("jane" + "\uDC00" + "@example.net", out _, out _));
        Assert.Equal("\uD800" + "JANE", EmailAddresses.LookupKey("\uD800" + "jane"));
    }

    [Theory]
    [InlineData("jıll@example.net", "jill@example.net")]
    [InlineData("jİll@example.net", "jill@example.net")]
    [InlineData("straße@example.net", "strasse@example.net")]
    [InlineData("jörg@example.net", "jorg@example.net")]
    [InlineData("jane@xn--bcher-kva.de", "jane@bucher.de")]
    public void LookupKey_TwoDifferentAddresses_NeverMeet(string one, string other)
    {
        Assert.NotEqual(EmailAddresses.LookupKey(one), EmailAddresses.LookupKey(other));
        var normalizer = new PortalLookupNormalizer();
        Assert.NotEqual(normalizer.NormalizeEmail(one), normalizer.NormalizeEmail(other));
        Assert.NotEqual(normalizer.NormalizeName(one), normalizer.NormalizeName(other));
    }

    [Theory]
    [InlineData("p.janſen@example.net", "p.jansen@example.net")]
    [InlineData("ｊane@example.net", "jane@example.net")]
    [InlineData("admın@example.org", "admin@example.org")]
    public void LookupKey_ATypedLookAlike_DoesNotFindTheAddressItLooksLike(string typed, string existing)
    {
        Assert.NotEqual(EmailAddresses.LookupKey(existing), EmailAddresses.LookupKey(typed));
    }

    [Theory]
    [InlineData("Jane.Doe@Example.com", "jane.doe@example.com")]
    [InlineData("jane@Bücher.de", "jane@xn--bcher-kva.de")]
    [InlineData("Admin", "admin")] // role names keep the keys Identity has always stored for them
    public void LookupKey_TheSameAddressOrName_MeetsItself(string one, string other)
    {
        Assert.Equal(EmailAddresses.LookupKey(one), EmailAddresses.LookupKey(other));
        Assert.Equal("ADMIN", EmailAddresses.LookupKey("Admin"));
    }
}
