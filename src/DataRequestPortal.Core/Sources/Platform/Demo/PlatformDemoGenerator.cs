using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataRequestPortal.Core.Sources.Platform.Demo;

/// <summary>
/// Makes up a mailing history for the platform store: people with profiles and subprofiles, the mails sent to them
/// (complete MIME messages, some with an invoice or an invitation attached), their opens and clicks, and survey
/// answers. The same seed and the same day give exactly the same rows, so the demo subjects can be named in advance.
/// </summary>
public sealed class PlatformDemoGenerator
{
    public const int DefaultSeed = 20_261_124;

    private readonly PlatformStoreWriter writer;
    private readonly Random random;
    private readonly DateTimeOffset today;

    /// <param name="now">Histories end on this day; only its date counts, so a whole day generates the same set.</param>
    public PlatformDemoGenerator(PlatformStoreWriter writer, DateTimeOffset now, int seed = DefaultSeed)
    {
        this.writer = writer ?? throw new ArgumentNullException(nameof(writer));
        random = new Random(seed);
        today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
    }

    /// <summary>
    /// The set a development portal starts with: the people in <see cref="DemoSubjects"/> with their rich histories
    /// first (so their ids are known), then a few hundred others.
    /// </summary>
    public async Task WriteDevelopmentSetAsync(CancellationToken cancellationToken)
    {
        await WriteJaneDoeAsync(cancellationToken);
        await WriteMohammedElAmraniAsync(cancellationToken);
        await WriteZoeMullerAsync(cancellationToken);
        await WriteSurveyOnlyVisitorAsync(cancellationToken);

        const int Others = DemoSubjects.DevelopmentProfiles - 3;
        for (var i = 0; i < Others; i++)
        {
            var person = DemoPerson.Random(random, 1000 + i);
            var created = today.AddDays(-random.Next(60, 1500)).AddMinutes(random.Next(24 * 60));
            await WriteOrdinaryHistoryAsync(person, created, mails: random.Next(0, 17), eventsPerMail: null, cancellationToken);
        }
    }

    /// <summary>
    /// A large set for measurements: the benchmark subjects that fit in <paramref name="size"/> first, then ordinary
    /// people until the profile, mail and event totals are reached exactly.
    /// </summary>
    public async Task<IReadOnlyList<BenchmarkSubject>> WriteLargeSetAsync(DemoSetSize size, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(size);
        var subjects = new List<BenchmarkSubject>();
        long eventsLeft = size.Events, mailsLeft = size.Messages;
        var profilesLeft = size.Profiles;
        foreach (var records in BenchmarkSubject.Sizes)
        {
            var plan = BenchmarkPlan.For(records);
            if (plan.Events > eventsLeft / 2 || plan.Messages > mailsLeft / 2 || profilesLeft < 2)
            {
                continue;
            }

            subjects.Add(await WriteBenchmarkSubjectAsync(plan, cancellationToken));
            eventsLeft -= plan.Events;
            mailsLeft -= plan.Messages;
            profilesLeft--;
        }

        var mailQuota = new Quota(mailsLeft, profilesLeft, random);
        var eventQuota = new Quota(eventsLeft, Math.Max(1, mailsLeft), random);
        for (var i = 0; i < profilesLeft; i++)
        {
            var person = DemoPerson.Random(random, 1000 + i);
            var created = today.AddDays(-random.Next(400, 2500)).AddMinutes(random.Next(24 * 60));
            await WriteOrdinaryHistoryAsync(person, created, (int)mailQuota.Next(), eventQuota, cancellationToken);
        }

        return subjects;
    }

    private async Task WriteJaneDoeAsync(CancellationToken cancellationToken)
    {
        var jane = DemoPerson.Create(random, "Jane", "Doe", DemoSubjects.JaneDoe, "Utrecht");
        var profile = await ProfileAsync(jane, "Newsletter", today.AddDays(-760).AddHours(19.5), subscribed: true, cancellationToken);
        var orders = await SubprofileAsync(profile, "Orders", null, OrderFields("EO-2025-004211", today.AddDays(-700), 2, 289.90m, "delivered"), cancellationToken);
        var membership = await SubprofileAsync(profile, "Memberships", null, MembershipFields("Gold", today.AddDays(-690), 1240), cancellationToken);

        for (var i = 0; i < DemoSubjects.JaneDoeMessages; i++)
        {
            // Every fortnight for two years: a welcome, six orders, two event invitations, a survey invitation, a privacy update.
            var (kind, subprofile) = i switch
            {
                0 => (DemoMailKind.Welcome, (PlatformSubprofile?)null),
                3 or 11 or 19 or 27 or 35 or 43 => (DemoMailKind.OrderConfirmation, orders),
                14 or 30 => (DemoMailKind.EventInvitation, membership),
                22 => (DemoMailKind.SurveyInvitation, null),
                40 => (DemoMailKind.PrivacyUpdate, null),
                _ when i % 5 == 0 => (DemoMailKind.Sale, null),
                _ => (DemoMailKind.Newsletter, null),
            };
            var sentAt = today.AddDays(-720 + (i * 15)).AddHours(8 + random.Next(3)).AddMinutes(random.Next(60));
            await MailAsync(kind, jane, jane.Email, profile.Id, subprofile?.Id, sentAt, Engagement(), cancellationToken, kind == DemoMailKind.EventInvitation ? DemoSubjects.JaneDoeGuest : null);
        }

        await SurveyAsync(SatisfactionSurvey(today.AddDays(-380)), jane.Email, profile.Id, null, today.AddDays(-379).AddHours(20), cancellationToken);
        await SurveyAsync(ProductSurvey(DemoVocabulary.Products[0].Name), jane.Email, profile.Id, orders.Id, today.AddDays(-250).AddHours(12), cancellationToken);
        await SurveyAsync(ClubSurvey(), jane.Email, profile.Id, membership.Id, today.AddDays(-90).AddHours(21), cancellationToken);
    }

    private async Task WriteMohammedElAmraniAsync(CancellationToken cancellationToken)
    {
        var person = DemoPerson.Create(random, "Mohammed", "El Amrani", DemoSubjects.MohammedElAmrani, "Rotterdam");
        var profile = await ProfileAsync(person, "Newsletter", today.AddDays(-600).AddHours(12), subscribed: true, cancellationToken);
        var orders = await SubprofileAsync(profile, "Orders", null, OrderFields("EO-2025-007730", today.AddDays(-420), 1, 349.00m, "delivered"), cancellationToken);
        var membership = await SubprofileAsync(profile, "Memberships", DemoSubjects.MohammedWorkAddress, MembershipFields("Silver", today.AddDays(-400), 410), cancellationToken);

        for (var i = 0; i < 20; i++)
        {
            var kind = i == 0 ? DemoMailKind.Welcome : i % 6 == 2 ? DemoMailKind.OrderConfirmation : i % 4 == 0 ? DemoMailKind.Sale : DemoMailKind.Newsletter;
            var sentAt = today.AddDays(-590 + (i * 29)).AddHours(9).AddMinutes(random.Next(60));
            await MailAsync(kind, person, person.Email, profile.Id, kind == DemoMailKind.OrderConfirmation ? orders.Id : null, sentAt, Engagement(), cancellationToken);
        }

        // The membership has an address of its own; its mails go there and are linked to the subprofile.
        for (var i = 0; i < DemoSubjects.MohammedMembershipMessages; i++)
        {
            var kind = i == 4 || i == 9 ? DemoMailKind.EventInvitation : DemoMailKind.Newsletter;
            var sentAt = today.AddDays(-380 + (i * 30)).AddHours(17).AddMinutes(random.Next(60));
            await MailAsync(kind, person, membership.Email!, profile.Id, membership.Id, sentAt, Engagement(), cancellationToken);
        }

        await SurveyAsync(ClubSurvey(), membership.Email!, profile.Id, membership.Id, today.AddDays(-60).AddHours(19), cancellationToken);
    }

    private async Task WriteZoeMullerAsync(CancellationToken cancellationToken)
    {
        var person = DemoPerson.Create(random, "Zoë", "Müller", DemoSubjects.ZoeMuller, "Berlin");
        var profile = await ProfileAsync(person, "Newsletter", today.AddDays(-300).AddHours(7), subscribed: false, cancellationToken);
        var orders = await SubprofileAsync(profile, "Orders", null, OrderFields("EO-2026-000815", today.AddDays(-280), 3, 199.85m, "returned"), cancellationToken);
        for (var i = 0; i < 15; i++)
        {
            var kind = i == 0 ? DemoMailKind.Welcome : i == 1 ? DemoMailKind.OrderConfirmation : i % 3 == 0 ? DemoMailKind.Sale : DemoMailKind.Newsletter;
            var sentAt = today.AddDays(-295 + (i * 14)).AddHours(10).AddMinutes(random.Next(60));
            await MailAsync(kind, person, person.Email, profile.Id, kind == DemoMailKind.OrderConfirmation ? orders.Id : null, sentAt, Engagement(), cancellationToken);
        }
    }

    private async Task WriteSurveyOnlyVisitorAsync(CancellationToken cancellationToken)
    {
        // Filled in surveys on the website without ever subscribing: no profile, only answers.
        await SurveyAsync(SatisfactionSurvey(today.AddDays(-200)), DemoSubjects.SurveyOnlyVisitor, null, null, today.AddDays(-200).AddHours(15), cancellationToken);
        await SurveyAsync(ProductSurvey(DemoVocabulary.Products[2].Name), DemoSubjects.SurveyOnlyVisitor, null, null, today.AddDays(-45).AddHours(11), cancellationToken);
    }

    private async Task<BenchmarkSubject> WriteBenchmarkSubjectAsync(BenchmarkPlan plan, CancellationToken cancellationToken)
    {
        var email = BenchmarkSubject.EmailFor(plan.Records);
        var person = DemoPerson.Create(random, "Avery", "Reader", email);
        var profile = await ProfileAsync(person, "Newsletter", today.AddDays(-1200), subscribed: true, cancellationToken);
        var orders = await SubprofileAsync(profile, "Orders", null, OrderFields("EO-2023-000001", today.AddDays(-1100), 1, 129.95m, "delivered"), cancellationToken);
        await SubprofileAsync(profile, "Memberships", null, MembershipFields("Gold", today.AddDays(-1000), 9000), cancellationToken);

        var opens = new Quota(plan.Opens, plan.Messages, random);
        var clicks = new Quota(plan.Clicks, plan.Messages, random);
        var span = TimeSpan.FromDays(1095).Ticks / plan.Messages;
        for (var i = 0; i < plan.Messages; i++)
        {
            // Every tenth mail confirms an order and carries the invoice: one attachment per ten mails.
            var kind = i % 10 == 0 ? DemoMailKind.OrderConfirmation : (i % 10) switch { 3 => DemoMailKind.Sale, 7 => DemoMailKind.BasketReminder, _ => DemoMailKind.Newsletter };
            var sentAt = today.AddDays(-1095).AddTicks(span * i).AddMinutes(random.Next(60));
            await MailAsync(kind, person, email, profile.Id, kind == DemoMailKind.OrderConfirmation ? orders.Id : null, sentAt, ((int)opens.Next(), (int)clicks.Next()), cancellationToken);
        }

        for (var i = 0; i < plan.Surveys; i++)
        {
            var submitted = today.AddDays(-1000 + (i * 1000 / plan.Surveys)).AddHours(20);
            await SurveyAsync(i % 2 == 0 ? SatisfactionSurvey(submitted) : ProductSurvey(DemoVocabulary.Products[i % DemoVocabulary.Products.Length].Name), email, profile.Id, null, submitted, cancellationToken);
        }

        return new BenchmarkSubject(email, profile.Id, plan.Records);
    }

    /// <param name="eventsPerMail">Shares out a fixed total of events; without it, each mail gets a natural number of opens and clicks.</param>
    private async Task WriteOrdinaryHistoryAsync(DemoPerson person, DateTimeOffset created, int mails, Quota? eventsPerMail, CancellationToken cancellationToken)
    {
        var profile = await ProfileAsync(person, random.Next(10) == 0 ? "Customers" : "Newsletter", created, subscribed: random.Next(8) != 0, cancellationToken);
        PlatformSubprofile? orders = null;
        var subprofiles = random.Next(4);
        for (var s = 0; s < subprofiles; s++)
        {
            var since = created.AddDays(random.Next(1, Math.Max(2, (int)(today - created).TotalDays)));
            if (s % 2 == 0)
            {
                var order = $"EO-{since.Year.ToString(CultureInfo.InvariantCulture)}-{random.Next(1_000_000):000000}";
                var status = DemoVocabulary.OrderStatuses[random.Next(DemoVocabulary.OrderStatuses.Length)];
                orders = await SubprofileAsync(profile, "Orders", null, OrderFields(order, since, 1 + random.Next(3), 20m + (random.Next(40_000) / 100m), status), cancellationToken);
            }
            else
            {
                await SubprofileAsync(profile, "Memberships", null, MembershipFields(DemoVocabulary.MembershipLevels[random.Next(3)], since, random.Next(5000)), cancellationToken);
            }
        }

        var span = Math.Max(1, (today - created).Ticks / Math.Max(1, mails));
        for (var i = 0; i < mails; i++)
        {
            var kind = i == 0 ? DemoMailKind.Welcome : OrdinaryKind(orders is not null);
            var sentAt = created.AddTicks((span * i) + random.NextInt64(span)).AddMinutes(30);
            var engagement = eventsPerMail is null ? Engagement() : Split(eventsPerMail.Next());
            await MailAsync(kind, person, person.Email, profile.Id, kind == DemoMailKind.OrderConfirmation ? orders?.Id : null, sentAt, engagement, cancellationToken);
        }

        if (random.Next(20) == 0)
        {
            var submitted = created.AddDays(random.Next(1, Math.Max(2, (int)(today - created).TotalDays)));
            await SurveyAsync(SatisfactionSurvey(submitted), person.Email, profile.Id, null, submitted, cancellationToken);
        }
    }

    private DemoMailKind OrdinaryKind(bool customer) => random.Next(100) switch
    {
        < 50 => DemoMailKind.Newsletter,
        < 65 => DemoMailKind.Sale,
        < 73 => DemoMailKind.BasketReminder,
        < 81 => customer ? DemoMailKind.OrderConfirmation : DemoMailKind.Newsletter,
        < 85 => DemoMailKind.EventInvitation,
        < 92 => DemoMailKind.SurveyInvitation,
        _ => DemoMailKind.PrivacyUpdate,
    };

    /// <summary>How a reader treats a mail: a third are never opened; opened ones are read up to three times, and half get a click or two.</summary>
    private (int Opens, int Clicks) Engagement()
    {
        if (random.Next(3) == 0)
        {
            return (0, 0);
        }

        var opens = 1 + random.Next(3);
        return (opens, random.Next(2) == 0 ? 0 : 1 + random.Next(2));
    }

    /// <summary>A fixed number of events for one mail, about three opens to every click.</summary>
    private (int Opens, int Clicks) Split(long events)
    {
        var clicks = events <= 1 ? 0 : (int)(events / 4) + (random.Next(4) == 0 && events % 4 != 0 ? 1 : 0);
        return ((int)events - clicks, clicks);
    }

    private async Task<PlatformProfile> ProfileAsync(DemoPerson person, string database, DateTimeOffset created, bool subscribed, CancellationToken cancellationToken)
    {
        var profile = new PlatformProfile
        {
            Database = database,
            Email = person.Email,
            FieldsJson = person.FieldsJson(subscribed),
            CreatedAt = created,
            ModifiedAt = created.AddDays(random.Next(0, Math.Max(1, (int)(today - created).TotalDays))).AddMinutes(random.Next(600)),
        };
        await writer.AddAsync(profile, cancellationToken);
        return profile;
    }

    private async Task<PlatformSubprofile> SubprofileAsync(PlatformProfile profile, string collection, string? email, string fields, CancellationToken cancellationToken)
    {
        var created = profile.CreatedAt.AddDays(random.Next(1, 60));
        var subprofile = new PlatformSubprofile
        {
            ProfileId = profile.Id,
            Collection = collection,
            Email = email,
            FieldsJson = fields,
            CreatedAt = created,
            ModifiedAt = created.AddDays(random.Next(0, 30)),
        };
        await writer.AddAsync(subprofile, cancellationToken);
        return subprofile;
    }

    private async Task MailAsync(
        DemoMailKind kind, DemoPerson person, string recipient, long profileId, long? subprofileId, DateTimeOffset sentAt, (int Opens, int Clicks) engagement, CancellationToken cancellationToken,
        (string Name, string Address)? guest = null)
    {
        var message = new PlatformMessage { Recipient = recipient, ProfileId = profileId, SubprofileId = subprofileId, SentAt = sentAt };

        // The id is handed out first: the MIME message's Message-ID, order number and tracking links carry it.
        await writer.AddAsync(message, cancellationToken);
        var mail = DemoMail.Compose(kind, person, recipient, message.Id, sentAt, random, guest);
        message.Sender = mail.Sender;
        message.Subject = mail.Subject;
        message.Campaign = mail.Campaign;
        message.Mime = mail.Mime;
        message.Html = mail.Html;
        message.Text = mail.Text;

        if (mail.Attachment is { } file)
        {
            await writer.AddAsync(
                new PlatformAttachment
                {
                    MessageId = message.Id,
                    FileName = file.Name,
                    ContentType = file.ContentType,
                    Size = file.Content.Length,
                    Sha256 = file.Sha256,
                    Content = file.Content,
                },
                cancellationToken);
        }

        var at = sentAt;
        var agent = DemoVocabulary.UserAgents[random.Next(DemoVocabulary.UserAgents.Length)];
        var address = DemoVocabulary.IpAddress(random);
        for (var i = 0; i < engagement.Opens + engagement.Clicks; i++)
        {
            // Opens come first; each click follows a little later, on one of the mail's links.
            var click = i >= engagement.Opens;
            at = at.AddSeconds(click ? 5 + random.Next(600) : 60 + random.Next(i == 0 ? 2 * 86_400 : 5 * 86_400));
            await writer.AddAsync(
                new PlatformEvent
                {
                    MessageId = message.Id,
                    Recipient = recipient,
                    ProfileId = profileId,
                    SubprofileId = subprofileId,
                    Kind = click ? PlatformEventKind.Click : PlatformEventKind.Open,
                    At = at,
                    IpAddress = address,
                    UserAgent = agent,
                    Url = click ? mail.Links[random.Next(Math.Max(1, mail.Links.Count - 1))] : null,
                },
                cancellationToken);
        }
    }

    private async Task SurveyAsync(
        (string Survey, string Answers) survey, string email, long? profileId, long? subprofileId, DateTimeOffset submitted, CancellationToken cancellationToken)
    {
        await writer.AddAsync(
            new PlatformSurveyAnswer
            {
                Survey = survey.Survey,
                Email = email,
                ProfileId = profileId,
                SubprofileId = subprofileId,
                SubmittedAt = submitted,
                AnswersJson = survey.Answers,
            },
            cancellationToken);
    }

    private (string, string) SatisfactionSurvey(DateTimeOffset when)
    {
        var json = Json(w =>
        {
            w.WriteNumber("How likely are you to recommend us to a friend? (0-10)", 5 + random.Next(6));
            w.WriteString("How satisfied are you with our service?", random.Next(4) switch { 0 => "Very satisfied", 1 or 2 => "Satisfied", _ => "Neutral" });
            w.WriteStartArray("Which topics would you like to read about?");
            foreach (var topic in DemoVocabulary.Interests.Where(_ => random.Next(3) == 0).Take(3))
            {
                w.WriteStringValue(topic);
            }

            w.WriteEndArray();
            w.WriteString("What could we improve?", DemoVocabulary.SurveyImprovements[random.Next(DemoVocabulary.SurveyImprovements.Length)]);
        });
        return ($"Customer satisfaction {when.Year.ToString(CultureInfo.InvariantCulture)}", json);
    }

    private (string, string) ProductSurvey(string product)
    {
        var json = Json(w =>
        {
            w.WriteString("Product", product);
            w.WriteNumber("Rating (1-5)", 3 + random.Next(3));
            w.WriteBoolean("Would you buy it again?", random.Next(5) != 0);
            w.WriteString("Comments", DemoVocabulary.SurveyImprovements[random.Next(DemoVocabulary.SurveyImprovements.Length)]);
        });
        return ($"Product feedback: {product}", json);
    }

    private (string, string) ClubSurvey()
    {
        var json = Json(w =>
        {
            w.WriteString("Which club activities did you join this year?", random.Next(2) == 0 ? "Guided hikes" : "Workshops");
            w.WriteStartObject("How would you rate");
            w.WriteNumber("the guided hikes", 3 + random.Next(3));
            w.WriteNumber("the workshops", 3 + random.Next(3));
            w.WriteNumber("the member discounts", 2 + random.Next(4));
            w.WriteEndObject();
            w.WriteBoolean("May we contact you about your answers?", true);
        });
        return ("Trail Club members survey", json);
    }

    private static string OrderFields(string order, DateTimeOffset date, int items, decimal total, string status) => Json(w =>
    {
        w.WriteString("order", order);
        w.WriteString("date", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteNumber("items", items);
        w.WriteNumber("total", total);
        w.WriteString("currency", "EUR");
        w.WriteString("status", status);
    });

    private static string MembershipFields(string level, DateTimeOffset since, int points) => Json(w =>
    {
        w.WriteString("programme", "Trail Club");
        w.WriteString("level", level);
        w.WriteString("since", since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteNumber("points", points);
    });

    private static string Json(Action<Utf8JsonWriter> members)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            members(json);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>
    /// Shares a total out over a known number of parts, one part at a time: shares vary around the average but
    /// always add up to the total exactly, without knowing the parts in advance.
    /// </summary>
    private sealed class Quota(long total, long parts, Random random)
    {
        private long index;
        private long previousJitter;

        public long Next()
        {
            if (index >= parts)
            {
                return 0;
            }

            var jitter = index + 1 >= parts ? 0 : random.NextInt64((total / parts) + 1);
            var share = (total * (index + 1) / parts) + jitter - ((total * index / parts) + previousJitter);
            previousJitter = jitter;
            index++;
            return share;
        }
    }

    /// <summary>How a benchmark subject's records divide over the categories so they add up to exactly <see cref="Records"/>.</summary>
    private sealed record BenchmarkPlan(int Records, int Messages, int Attachments, int Surveys, int Opens, int Clicks)
    {
        public int Events => Opens + Clicks;

        public static BenchmarkPlan For(int records)
        {
            var messages = records / 10;
            var attachments = messages / 10;
            var surveys = records / 200;

            // One profile and two subprofiles; every mail counts twice (message and MIME).
            var events = records - 3 - (2 * messages) - attachments - surveys;
            var opens = events * 3 / 4;
            return new BenchmarkPlan(records, messages, attachments, surveys, opens, events - opens);
        }
    }
}
