using System.Globalization;
using System.Text;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Dashboard;

/// <summary>One request in the digest: no subject data, only what tells staff which request needs them and by when.</summary>
public sealed record DigestItem(long Id, Regime Regime, RequestState State, DateOnly Due, int DaysLeft, DateOnly? AskedOn);

/// <summary>What a staff member's daily digest lists; each open request appears once, under the first heading that fits.</summary>
public sealed record DigestContent(DateOnly Day, IReadOnlyList<DigestItem> Overdue, IReadOnlyList<DigestItem> Failed, IReadOnlyList<DigestItem> AwaitingSubject, IReadOnlyList<DigestItem> DueSoon)
{
    public int Count => Overdue.Count + Failed.Count + AwaitingSubject.Count + DueSoon.Count;

    public bool IsEmpty => Count == 0;
}

/// <summary>
/// The daily reminder for officers and admins: open requests past their due date, failed ones, those waiting for the
/// subject longer than <see cref="AwaitingDays"/> days, and those due within the given days, each linked to its page.
/// </summary>
public sealed class StaffDigest(IDbContextFactory<PortalDbContext> dbFactory, ComplianceClock clock)
{
    public const int AwaitingDays = 7;

    public async Task<DigestContent> ComposeAsync(int dueSoonDays, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dueSoonDays);
        var openStates = RequestLifecycle.OpenStates.ToArray();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var open = await db.DataRequests.AsNoTracking().Where(r => openStates.Contains(r.State)).ToListAsync(cancellationToken);

        // The due date as it stands today depends on the organisation's day and a stopped clock, so it is decided here.
        var today = clock.Today;
        var items = open.Select(r => (Request: r, Item: new DigestItem(r.Id, r.Regime, r.State, r.DueDateOn(clock), r.DaysLeft(clock), r.PausedSince is { } since ? clock.DateOf(since) : null)))
            .OrderBy(x => x.Item.Due).ThenBy(x => x.Item.Id).ToList();
        var overdue = items.Where(x => x.Request.IsOverdue(clock)).ToList();
        var failed = items.Except(overdue).Where(x => x.Request.State == RequestState.Failed).ToList();
        var waiting = items.Except(overdue).Except(failed)
            .Where(x => x.Item.AskedOn is { } asked && today.DayNumber - asked.DayNumber > AwaitingDays).ToList();
        var dueSoon = items.Except(overdue).Except(failed).Except(waiting).Where(x => x.Item.DaysLeft <= dueSoonDays).ToList();
        return new DigestContent(today, [.. overdue.Select(x => x.Item)], [.. failed.Select(x => x.Item)], [.. waiting.Select(x => x.Item)], [.. dueSoon.Select(x => x.Item)]);
    }

    /// <summary>
    /// The mail's plain text: a section per heading, a line per request with its link under <paramref name="portalAddress"/>
    /// (<c>Portal:PublicUrl</c>); without one, the link's path alone.
    /// </summary>
    public static string Text(DigestContent content, Uri? portalAddress)
    {
        ArgumentNullException.ThrowIfNull(content);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Requests that need you on {content.Day:d MMMM yyyy}:\n");
        void Section(string heading, IReadOnlyList<DigestItem> items, Func<DigestItem, string> describe)
        {
            if (items.Count == 0)
            {
                return;
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{heading} ({items.Count})\n");
            foreach (var item in items)
            {
                text.Append(CultureInfo.InvariantCulture, $"- {item.Id} ({item.Regime.ToWireName()}): {describe(item)}\n  {Link(portalAddress, item.Id)}\n");
            }
        }

        Section("Overdue", content.Overdue, i => $"due {i.Due:d MMM yyyy}, {-i.DaysLeft} {(i.DaysLeft == -1 ? "day" : "days")} overdue");
        Section("Failed", content.Failed, i => $"collection failed; due {i.Due:d MMM yyyy}");
        Section($"Waiting for the subject for more than {AwaitingDays} days", content.AwaitingSubject, i => $"asked on {i.AskedOn:d MMM yyyy}; due {i.Due:d MMM yyyy}");
        Section("Due soon", content.DueSoon, i => $"due {i.Due:d MMM yyyy}, {(i.DaysLeft == 0 ? "today" : $"in {i.DaysLeft} {(i.DaysLeft == 1 ? "day" : "days")}")}");
        return text.ToString();
    }

    private static string Link(Uri? portalAddress, long id)
    {
        if (portalAddress is null)
        {
            return $"/requests/{id}";
        }

        // Without a trailing slash, a base such as https://example.org/portal would lose its last segment.
        var root = portalAddress.AbsoluteUri.EndsWith('/') ? portalAddress : new Uri(portalAddress.AbsoluteUri + "/");
        return new Uri(root, $"requests/{id}").AbsoluteUri;
    }
}
