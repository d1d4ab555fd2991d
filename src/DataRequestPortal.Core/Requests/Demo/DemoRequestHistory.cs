using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests.Demo;

/// <summary>
/// Twelve weeks of requests for a development portal (<c>Seed:DemoRequests</c>), so the dashboard shows deadlines,
/// reasons and a trend on first start, and a year of answered requests before them, so the reports have figures. Everything goes through the requests' own rules with the clock set back;
/// the queued ones are collected for real by the running portal.
/// </summary>
public static class DemoRequestHistory
{
    private sealed record Entry(int DaysAgo, SubjectType Type, string Subject, RequestChannel Channel, Action<DataRequest, Actor, Func<int, ComplianceClock>>? Then = null, string? Note = null);

    /// <summary>Files the history into a portal without requests; returns how many, or 0 when there were requests already.</summary>
    public static async Task<int> SeedAsync(PortalDbContext db, TimeProvider time, TimeZoneInfo zone, string staffName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.DataRequests.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = time.GetUtcNow();
        ComplianceClock At(int daysAgo) => new(new FixedTime(now.AddDays(-daysAgo)), zone);
        var staff = Actor.Staff(staffName);
        var crm = Actor.ApiClient("CRM");

        Entry[] history =
        [
            new(82, SubjectType.Email, "a.kowalski@example.org", RequestChannel.Staff, (r, a, c) => r.Cancel(a, c(80), "The subject withdrew the request by phone"), "Identity verified: replied from the address on file"),
            new(75, SubjectType.Profile, "117", RequestChannel.Api, (r, a, c) => r.Deny(Actor.Staff(staffName), "Manifestly unfounded: the fourth identical request within a month (Art. 12(5) GDPR).", c(73))),
            new(68, SubjectType.Email, "l.bianchi@example.com", RequestChannel.Staff, (r, a, c) => r.Cancel(a, c(68), "Filed twice by mistake"), "Identity verified: passport checked at the front desk"),
            new(61, SubjectType.Email, "henk.devries@example.nl", RequestChannel.SelfService, (r, _, c) => r.Cancel(Actor.System, c(54), "The address was not verified within 7 days")),
            new(54, SubjectType.Subprofile, "31", RequestChannel.Api, (r, a, c) => r.Cancel(Actor.Staff(staffName), c(53), "Superseded by a request for the whole profile")),
            new(47, SubjectType.Email, "s.okafor@example.com", RequestChannel.Staff, (r, a, c) => r.Deny(a, "We could not confirm that the requester is the account holder; please contact us from the address on file.", c(45)), "Identity check failed: the reply came from another address"),
            new(40, SubjectType.Email, "t.nguyen@example.com", RequestChannel.Staff, (r, _, c) => { r.StartCollecting(c(40), 2); r.Fail("CRM export", "The remote server refused the connection (crm.internal:443).", c(40)); }, "Identity verified: customer number and date of birth confirmed by phone"),
            new(33, SubjectType.Email, "m.rossi@example.it", RequestChannel.Staff, (r, a, c) => r.ExtendDueDate(2, a, "Mail archives from 2019–2021 must be restored from tape; the subject was told on this date.", c(31)), "Identity verified: signed letter with copy of ID"),
            new(27, SubjectType.Email, "zoe.muller@example.com", RequestChannel.Staff, (r, _, c) => { r.StartCollecting(c(27), 2); r.Fail("CRM export", "Timed out after 10 minutes waiting for the export.", c(27)); }, "Identity verified: replied from the address on file"),
            new(24, SubjectType.Profile, "2", RequestChannel.Api),
            new(19, SubjectType.Email, "p.jansen@example.net", RequestChannel.Staff, Note: "Identity verified: replied from the address on file"),
            new(17, SubjectType.Email, "c.ward@example.co.uk", RequestChannel.Staff, (r, a, c) => r.AskSubject(SubjectQuestion.Identity, "Please send the customer number on your last invoice, so we can tell your account from another with the same name.", a, c(10)), "Identity check: two accounts share the name; asked for the customer number"),
            new(15, SubjectType.Subprofile, "4", RequestChannel.Api),
            new(12, SubjectType.Email, "nobody@example.com", RequestChannel.SelfService, (r, _, c) => r.Verify(Actor.DataSubject("nobody@example.com"), c(12))),
            new(9, SubjectType.Email, "r.fischer@example.de", RequestChannel.Api, (r, a, c) => r.Cancel(Actor.ApiClient("CRM"), c(9), "Deleted by the API client")),
            new(6, SubjectType.Email, "jane.doe@example.com", RequestChannel.Staff, Note: "Identity verified: replied from the address on file"),
            new(4, SubjectType.Profile, "1", RequestChannel.Api),
            new(2, SubjectType.Email, "k.lindqvist@example.se", RequestChannel.SelfService),
            new(1, SubjectType.Email, "o.petrenko@example.com", RequestChannel.SelfService),
        ];

        foreach (var entry in history)
        {
            var filer = entry.Channel switch
            {
                RequestChannel.Api => crm,
                RequestChannel.SelfService => Actor.DataSubject(entry.Subject),
                _ => staff,
            };
            var request = DataRequest.File(DataRequestId.NewId(), Subject.Create(entry.Type, entry.Subject), entry.Channel, filer, At(entry.DaysAgo), entry.Note);
            entry.Then?.Invoke(request, staff, d => At(d));
            db.DataRequests.Add(request);
        }

        var answered = AnsweredYear(staff, At).ToList();
        db.DataRequests.AddRange(answered);
        await db.SaveChangesAsync(cancellationToken);
        return history.Length + answered.Count;
    }

    /// <summary>
    /// Two requests a month from a year to three months ago, answered and their results since purged: mostly on time,
    /// some late, one extended, one paused for the subject, a few denied, a quarter of them under the CCPA.
    /// </summary>
    private static IEnumerable<DataRequest> AnsweredYear(Actor staff, Func<int, ComplianceClock> at)
    {
        string[] people = ["e.moreau", "f.almeida", "g.horvath", "h.sato", "i.novak", "j.murphy", "k.schmidt", "l.dubois", "m.kowalczyk", "n.silva", "o.berg", "p.costa"];
        int[] daysToAnswer = [6, 12, 19, 9, 27, 4, 33, 15, 22, 8, 40, 11];
        for (var i = 0; i < 18; i++)
        {
            var received = 360 - (i * 15);
            var regime = i % 4 == 3 ? Regime.Ccpa : Regime.Gdpr;
            var channel = (RequestChannel)(i % 3);
            var subject = Subject.Create(SubjectType.Email, $"{people[i % people.Length]}@example.com");
            var filer = channel switch
            {
                RequestChannel.Api => Actor.ApiClient("CRM"),
                RequestChannel.SelfService => Actor.DataSubject(subject.Identifier),
                _ => staff,
            };
            var request = DataRequest.File(DataRequestId.NewId(), subject, channel, filer, at(received), regime: regime);
            if (channel == RequestChannel.SelfService)
            {
                request.Verify(filer, at(received));
            }

            var answeredAfter = daysToAnswer[i % daysToAnswer.Length];
            if (i is 5 or 13)
            {
                request.Deny(staff, i == 5 ? "Manifestly unfounded: the fourth identical request within a month (Art. 12(5) GDPR)." : "We could not confirm that the requester is the account holder.", at(received - 3));
                yield return request;
                continue;
            }

            if (i == 7)
            {
                request.ExtendDueDate(regime == Regime.Ccpa ? 45 : 2, staff, "Archives must be restored from backup tapes.", at(received - 20));
                answeredAfter = 52;
            }

            if (i == 9)
            {
                request.AskSubject(SubjectQuestion.Identity, "Please confirm the customer number on your last invoice.", staff, at(received - 2));
                request.RecordAnswer("Customer number 40-1173", filer, at(received - 6));
            }

            var completed = at(received - answeredAfter);
            request.StartCollecting(completed, 2);
            request.Complete(new ResultFingerprint(48_213 + (i * 977), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(BitConverter.GetBytes(i)))), completed, TimeSpan.FromDays(30));
            request.Expire(at(received - answeredAfter - 30));
            yield return request;
        }
    }

    private sealed class FixedTime(DateTimeOffset at) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => at;
    }
}
