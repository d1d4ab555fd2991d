using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

internal enum DemoMailKind
{
    Newsletter,
    Sale,
    Welcome,
    OrderConfirmation,
    EventInvitation,
    SurveyInvitation,
    BasketReminder,
    PrivacyUpdate,
}

/// <summary>A file attached to a demo mail.</summary>
internal sealed record DemoFile(string Name, string ContentType, byte[] Content)
{
    public string Sha256 => Convert.ToHexStringLower(SHA256.HashData(Content));
}

/// <summary>
/// A mail as the platform sent it: its HTML and text versions, the complete MIME message built from them
/// (multipart/alternative, inside multipart/mixed when a file is attached), and the links a reader can follow.
/// </summary>
internal sealed record DemoMail(
    string Campaign,
    string Sender,
    string Subject,
    string Html,
    string Text,
    string Mime,
    IReadOnlyList<string> Links,
    DemoFile? Attachment)
{
    private const string Site = "https://www.example.com";

    /// <summary>Composes a mail; a <paramref name="guest"/> (name and address) is copied on an event invitation, as another person's data in the subject's mail.</summary>
    public static DemoMail Compose(DemoMailKind kind, DemoPerson person, string recipient, long messageId, DateTimeOffset sentAt, Random random, (string Name, string Address)? guest = null)
    {
        var year = sentAt.Year.ToString(CultureInfo.InvariantCulture);
        var first = person.FirstName;
        string campaign, sender, subject, call;
        string[] paragraphs;
        string[] links;
        DemoFile? attachment = null;
        switch (kind)
        {
            case DemoMailKind.Newsletter:
            {
                var week = ISOWeek.GetWeekOfYear(sentAt.UtcDateTime);
                var topic = DemoVocabulary.NewsletterTopics[random.Next(DemoVocabulary.NewsletterTopics.Length)];
                var tag = $"newsletter-{year}-w{week:00}";
                campaign = $"Newsletter {year}-W{week:00}";
                sender = "news@" + DemoVocabulary.MailDomain;
                subject = $"This week: {topic} – and more from {DemoVocabulary.Brand}";
                paragraphs =
                [
                    $"This week we are all about {topic}. Our staff picked their favourite tips and gear for the season ahead.",
                    "Also in this issue: new arrivals in our shops and the events coming up near you.",
                ];
                call = "Read the newsletter";
                links = [Link($"/journal/{year}-w{week:00}", tag), Link("/new-arrivals", tag), Link("/events", tag)];
                break;
            }

            case DemoMailKind.Sale:
            {
                var season = sentAt.Month switch { 3 or 4 or 5 => "Spring", 6 or 7 or 8 => "Summer", 9 or 10 or 11 => "Autumn", _ => "Winter" };
                var product = DemoVocabulary.Products[random.Next(DemoVocabulary.Products.Length)];
                var percent = 10 + (random.Next(5) * 5);
                var tag = $"{season.ToLowerInvariant()}-sale-{year}";
                campaign = $"{season} sale {year}";
                sender = "news@" + DemoVocabulary.MailDomain;
                subject = $"{season} sale: up to {percent}% off {product.Category}";
                paragraphs =
                [
                    $"Our {season.ToLowerInvariant()} sale has started: up to {percent}% off {product.Category}, online and in every shop.",
                    $"Popular right now: the {product.Name}. The sale runs while stocks last.",
                ];
                call = "Shop the sale";
                links = [Link($"/sale/{product.Category.Replace(' ', '-')}", tag), Link("/sale", tag)];
                break;
            }

            case DemoMailKind.Welcome:
                campaign = "Welcome series";
                sender = "news@" + DemoVocabulary.MailDomain;
                subject = $"Welcome to {DemoVocabulary.Brand}, {first}!";
                paragraphs =
                [
                    "Thank you for signing up. From now on you will hear from us about new gear, events and the best routes.",
                    "You can change what we send you, or stop it, at any time with the links at the bottom of every mail.",
                ];
                call = "Set your preferences";
                links = [Link("/account/preferences", "welcome"), Link("/stores", "welcome")];
                break;

            case DemoMailKind.OrderConfirmation:
            {
                var order = $"EO-{year}-{messageId % 1_000_000:000000}";
                var items = Enumerable.Range(0, 1 + random.Next(3))
                    .Select(_ => DemoVocabulary.Products[random.Next(DemoVocabulary.Products.Length)])
                    .Select(p => (p.Name, Quantity: 1 + random.Next(2), p.Price))
                    .ToList();
                var total = items.Sum(i => i.Quantity * i.Price);
                campaign = "Order confirmation";
                sender = "orders@" + DemoVocabulary.MailDomain;
                subject = $"Your order {order} is confirmed";
                paragraphs =
                [
                    $"Thank you for your order {order}. We are packing it now and will let you know when it is on its way.",
                    $"Order total: EUR {total.ToString("0.00", CultureInfo.InvariantCulture)}. Your invoice is attached to this mail.",
                ];
                call = "Track your order";
                links = [Link($"/account/orders/{order}", "order-confirmation"), Link("/service/returns", "order-confirmation")];
                attachment = new DemoFile($"invoice-{order}.pdf", "application/pdf", DemoDocuments.Invoice(order, person, sentAt, items, total));
                break;
            }

            case DemoMailKind.EventInvitation:
            {
                var (title, location) = DemoVocabulary.Events[random.Next(DemoVocabulary.Events.Length)];
                var starts = new DateTimeOffset(sentAt.UtcDateTime.Date.AddDays(14 + random.Next(14)).AddHours(17), TimeSpan.Zero);
                campaign = $"Event: {title}";
                sender = "events@" + DemoVocabulary.MailDomain;
                subject = $"You're invited: {title}";
                paragraphs =
                [
                    $"Join us for {title} at {location} on {starts.ToString("dddd d MMMM", CultureInfo.InvariantCulture)}.",
                    "Entrance is free; the invitation is attached so you can add it to your calendar.",
                    .. guest is { } g ? new[] { $"Your guest {g.Name} ({g.Address}, +31 6 2468 1357) is on the list too; we copied them on this invitation." } : [],
                ];
                call = "Sign up";
                links = [Link($"/events/{messageId}", "event-invitation")];
                attachment = new DemoFile("invitation.ics", "text/calendar", DemoDocuments.Invitation(messageId, title, location, starts, sentAt));
                break;
            }

            case DemoMailKind.SurveyInvitation:
                campaign = $"Customer satisfaction {year}";
                sender = "survey@" + DemoVocabulary.MailDomain;
                subject = $"How did we do, {first}?";
                paragraphs =
                [
                    "We would love to hear what you think of our shops, our website and our service.",
                    "The survey takes about three minutes. Thank you for helping us improve.",
                ];
                call = "Take the survey";
                links = [Link($"/survey/satisfaction-{year}", "survey")];
                break;

            case DemoMailKind.BasketReminder:
            {
                var product = DemoVocabulary.Products[random.Next(DemoVocabulary.Products.Length)];
                campaign = "Basket reminder";
                sender = "news@" + DemoVocabulary.MailDomain;
                subject = $"Still thinking about the {product.Name}?";
                paragraphs =
                [
                    $"You left the {product.Name} in your basket. We have kept it for you.",
                    "Orders over EUR 50 are delivered free of charge within two working days.",
                ];
                call = "Go to your basket";
                links = [Link("/basket", "basket-reminder")];
                break;
            }

            default:
                campaign = "Privacy statement update";
                sender = "service@" + DemoVocabulary.MailDomain;
                subject = "We have updated our privacy statement";
                paragraphs =
                [
                    "We have updated our privacy statement to explain more clearly which data we keep and for how long.",
                    "Nothing changes in what we send you. You can always ask for a copy of the data we hold about you.",
                ];
                call = "Read the privacy statement";
                links = [Link("/privacy", "privacy-update")];
                break;
        }

        var unsubscribe = $"{Site}/unsubscribe?m={messageId}";
        var html = HtmlVersion(subject, first, paragraphs, call, links[0], unsubscribe, messageId);
        var text = TextVersion(first, paragraphs, call, links[0], unsubscribe);
        var mime = MimeMessage.Build(sender, person.FullName, recipient, subject, sentAt, messageId, unsubscribe, text, html, attachment,
            kind == DemoMailKind.EventInvitation ? guest : null);
        return new DemoMail(campaign, sender, subject, html, text, mime, [.. links, unsubscribe], attachment);
    }

    private static string Link(string path, string campaign) =>
        $"{Site}{path}?utm_source=newsletter&utm_medium=email&utm_campaign={campaign}";

    private static string HtmlVersion(string subject, string first, string[] paragraphs, string call, string link, string unsubscribe, long messageId)
    {
        var html = new StringBuilder(1400);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>").Append(WebUtility.HtmlEncode(subject)).Append("</title></head>\n");
        html.Append("<body style=\"margin:0;font-family:Arial,Helvetica,sans-serif;color:#1f2933\">\n");
        html.Append("<p>Hi ").Append(WebUtility.HtmlEncode(first)).Append(",</p>\n");
        foreach (var paragraph in paragraphs)
        {
            html.Append("<p>").Append(WebUtility.HtmlEncode(paragraph)).Append("</p>\n");
        }

        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\" style=\"background:#2f6f4e;color:#fff;padding:10px 18px;text-decoration:none\">")
            .Append(WebUtility.HtmlEncode(call)).Append("</a></p>\n");
        html.Append("<p style=\"font-size:12px;color:#6b7280\">You receive this mail because you signed up at example.com. ")
            .Append("<a href=\"").Append(WebUtility.HtmlEncode(unsubscribe)).Append("\">Unsubscribe</a></p>\n");
        html.Append("<img src=\"https://t.").Append(DemoVocabulary.MailDomain).Append("/o/").Append(messageId).Append(".gif\" width=\"1\" height=\"1\" alt=\"\">\n");
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static string TextVersion(string first, string[] paragraphs, string call, string link, string unsubscribe)
    {
        var text = new StringBuilder(600);
        text.Append("Hi ").Append(first).Append(",\n\n");
        foreach (var paragraph in paragraphs)
        {
            text.Append(paragraph).Append("\n\n");
        }

        text.Append(call).Append(": ").Append(link).Append("\n\n");
        text.Append("You receive this mail because you signed up at example.com.\nUnsubscribe: ").Append(unsubscribe).Append('\n');
        return text.ToString();
    }
}
