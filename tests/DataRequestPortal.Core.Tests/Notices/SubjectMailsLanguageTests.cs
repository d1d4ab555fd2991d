using System.Globalization;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Tests.Notices;

/// <summary>Each email is written in the language stored with the request, whatever culture the sending thread has.</summary>
public class SubjectMailsLanguageTests
{
    private const string Address = "jane@example.com";

    private static SubjectMails Mails(OrganisationOptions? organisation = null) => new(
        Options.Create(organisation ?? new OrganisationOptions { Name = "Example Shop" }),
        Options.Create(new PortalOptions { PublicUrl = new Uri("https://portal.example.org/") }),
        TestClock.At("2026-03-01T10:00:00Z").Clock);

    private static DataRequest Filed(string? language)
    {
        var (clock, _) = TestClock.At("2026-03-01T10:00:00Z");
        var actor = Actor.DataSubject(Address);
        var request = DataRequest.File(4_711_000_000_000_002, Subject.Create(SubjectType.Email, Address), RequestChannel.SelfService, actor, clock, language: language);
        request.Verify(actor, clock);
        return request;
    }

    [Theory]
    [InlineData("nl", "Example Shop heeft uw verzoek om inzage in uw persoonsgegevens ontvangen", "woensdag 1 april 2026", "binnen één maand")]
    [InlineData("de", "Example Shop hat Ihren Antrag auf Auskunft über Ihre personenbezogenen Daten erhalten", "Mittwoch, 1. April 2026", "innerhalb eines Monats")]
    [InlineData("fr", "Example Shop a bien reçu votre demande d'accès à vos données personnelles", "mercredi 1 avril 2026", "dans un délai d'un mois")]
    [InlineData("en", "Example Shop has received your request for your personal data", "Wednesday 1 April 2026", "within one month")]
    public void Receipt_StoredLanguage_IsWrittenInIt_WhateverTheThreadsCulture(string language, string subject, string due, string period)
    {
        var mail = InCulture("fr-FR", () => Mails().Receipt(Filed(language)));

        Assert.Equal(subject, mail.Subject);
        Assert.Contains(due, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains(period, mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<html lang=\"{language}\">", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Receipt_NoStoredLanguage_IsInTheOrganisationsDefaultLanguage()
    {
        var mail = InCulture("nl-NL", () => Mails(new OrganisationOptions { Name = "Example Shop", DefaultLanguage = "de" }).Receipt(Filed(null)));

        Assert.StartsWith("Example Shop hat Ihren Antrag", mail.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_InDutch_HasDutchTextAndTheOrganisationsDutchName()
    {
        var organisation = new OrganisationOptions { Name = "Example Shop", Translations = { ["nl"] = new OrganisationTranslation { Name = "Voorbeeldwinkel" } } };

        var mail = Mails(organisation).Code(Address, "012345", "t", DateTimeOffset.Parse("2026-03-01T10:15:00Z", CultureInfo.InvariantCulture), "nl");

        Assert.Equal("012345 is uw code voor Voorbeeldwinkel", mail.Subject);
        Assert.Contains("Uw code is: 012345", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("tot 10:15 (UTC)", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Inloggen met deze link", mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ExtendedAndClosed_InGerman_UseTheGermanWordingOfTheLaw()
    {
        var (clock, _) = TestClock.At("2026-03-05T10:00:00Z");
        var request = Filed("de");
        request.ExtendDueDate(2, Actor.Staff("officer@example.com"), "Viele Systeme", clock);

        var extended = Mails().Extended(request);

        Assert.Equal("Example Shop benötigt mehr Zeit für Ihren Antrag", extended.Subject);
        Assert.Contains("um höchstens zwei weitere Monate", extended.TextBody, StringComparison.Ordinal);
        Assert.Contains("Unsere Begründung: Viele Systeme", extended.TextBody, StringComparison.Ordinal);

        request.Deny(Actor.Staff("officer@example.com"), "Offensichtlich unbegründet", clock);
        var closed = Mails().Closed(request);

        Assert.Equal("Neuigkeiten zu Ihrem Antrag bei Example Shop", closed.Subject);
        Assert.Contains("Recht auf Beschwerde bei einer Datenschutz-Aufsichtsbehörde", closed.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Mail_LeavesTheThreadsCultureAsItWas()
    {
        var before = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);

        _ = Mails().Receipt(Filed("nl"));

        Assert.Equal(before, (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture));
    }

    private static T InCulture<T>(string culture, Func<T> action)
    {
        using (SubjectLanguages.Use(CultureInfo.GetCultureInfo(culture)))
        {
            return action();
        }
    }
}
