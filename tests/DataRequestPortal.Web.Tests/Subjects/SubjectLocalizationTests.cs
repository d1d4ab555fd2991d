using System.Net;
using System.Text.RegularExpressions;
using DataRequestPortal.Web.Subjects;
using DataRequestPortal.Web.Tests.TestSupport;
using static DataRequestPortal.Web.Tests.TestSupport.SubjectSignInCalls;

namespace DataRequestPortal.Web.Tests.Subjects;

/// <summary>The subject's pages in the language of the browser, switchable, remembered in a cookie and with the request.</summary>
public partial class SubjectLocalizationTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory factory;

    public SubjectLocalizationTests(PortalFactory factory) => this.factory = factory;

    [Theory]
    [InlineData("nl-NL,nl;q=0.9,en;q=0.8", "nl", "Uw persoonsgegevens", "recht van inzage")]
    [InlineData("de-DE,de;q=0.9", "de", "Ihre personenbezogenen Daten", "Auskunftsrecht")]
    [InlineData("fr-BE", "fr", "Vos données personnelles", "droit d'accès")]
    [InlineData("es-ES,es;q=0.9", "en", "Your personal data", "right of access")]
    public async Task StartPage_FirstVisit_IsInTheBrowsersLanguage_AndRemembersIt(string acceptLanguage, string language, string title, string right)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("Accept-Language", acceptLanguage);

        var response = await client.GetAsync(StartPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(title, html, StringComparison.Ordinal);
        Assert.Contains(right, html, StringComparison.Ordinal);
        Assert.Contains(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{SubjectLocalization.CookieName}=c%3D{language}%7Cuic%3D{language}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task LanguageSwitch_ToGerman_SetsTheCookie_AndTheNextPageIsGerman_WhateverTheBrowserPrefers()
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "nl");
        var token = await PortalFactory.AntiforgeryTokenAsync(client, StartPath);

        var response = await SwitchAsync(client, token, "de", "/my-data/verify");

        Assert.Equal("/my-data/verify", PortalFactory.RedirectTarget(response));
        var page = await PageAsync(client, "/my-data?then=requests");
        Assert.Contains("<html lang=\"de\">", page, StringComparison.Ordinal);
        Assert.Contains("Anmeldecode per E-Mail senden", page, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"true\"", CurrentLanguageButton().Match(page).Value, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("es")]
    [InlineData("")]
    public async Task LanguageSwitch_ALanguageNotOffered_Answers400(string language)
    {
        var client = factory.CreateBrowserLikeClient();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, StartPath);

        var response = await SwitchAsync(client, token, language, StartPath);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task LanguageSwitch_WithoutTheFormsToken_Answers400()
    {
        var client = factory.CreateBrowserLikeClient();

        var response = await SwitchAsync(client, "forged", "de", StartPath);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("https://evil.example/my-data")]
    [InlineData("//evil.example/my-data")]
    [InlineData("/requests")]
    [InlineData("/my-dataX")]
    public async Task LanguageSwitch_ReturnOutsideTheSubjectPages_GoesToTheStartPage(string returnUrl)
    {
        var client = factory.CreateBrowserLikeClient();
        var token = await PortalFactory.AntiforgeryTokenAsync(client, StartPath);

        var response = await SwitchAsync(client, token, "fr", returnUrl);

        Assert.Equal(StartPath, PortalFactory.RedirectTarget(response));
    }

    [Fact]
    public async Task SignIn_InDutch_TheCodeMailAndTheReceiptAreDutch_AndTheRequestKeepsTheLanguage()
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add("Accept-Language", "nl-NL");
        const string email = "anna.dutch@example.com";

        Assert.Equal(VerifyPath, PortalFactory.RedirectTarget(await RequestCodeAsync(client, email)));
        var codeMail = await factory.WaitForMailAsync(email, m => m.Subject?.Contains("is uw code", StringComparison.Ordinal) == true);
        var code = Regex.Match(codeMail.Subject!, @"^\d{6}").Value;
        var target = PortalFactory.RedirectTarget(await EnterCodeAsync(client, code));

        var id = RequestIdIn(target);
        var request = await factory.LoadRequestAsync(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("nl", request.Language);
        var receipt = await factory.WaitForMailAsync(email, m => m.Headers["X-DataRequest-Id"] == request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("heeft uw verzoek om inzage in uw persoonsgegevens ontvangen", receipt.Subject, StringComparison.Ordinal);
    }

    private static Task<HttpResponseMessage> SwitchAsync(HttpClient client, string token, string language, string returnUrl) =>
        client.PostAsync(SubjectLocalization.SwitchAction, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            [SubjectLocalization.LanguageField] = language,
            [SubjectLocalization.ReturnField] = returnUrl,
        }));

    [GeneratedRegex("<button[^>]*value=\"de\"[^>]*>")]
    private static partial Regex CurrentLanguageButton();
}
