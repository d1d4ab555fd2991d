using System.Globalization;
using System.Text.Json;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Export;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Review;

public enum ReviewAction
{
    /// <summary>Leave whole records out of the released document.</summary>
    Withhold,

    /// <summary>Replace a field's value (or, in bulk, every field holding the search text) by a marker.</summary>
    Redact,

    /// <summary>Take decisions back: a record's, or one field's.</summary>
    Restore,
}

/// <summary>
/// A reviewer's decision as their page showed the request: <see cref="SeenEntryId"/> is the newest timeline entry on it, so
/// a decision on a review someone else changed meanwhile is refused. <see cref="Records"/> names records by their place in
/// the category; without them, every record of the category matching <see cref="Search"/> is meant (bulk).
/// </summary>
public sealed record ReviewCommand(
    long RequestId,
    long SeenEntryId,
    ReviewAction Action,
    int Category,
    IReadOnlyList<int>? Records = null,
    string? Search = null,
    string? Field = null,
    string? ReasonKey = null,
    string? ReasonText = null);

/// <summary>One category of the collected result as the review page lists it.</summary>
public sealed record ReviewCategory(int Index, string Source, string Name, long Records, int Withheld, int Redacted, ReviewHint Hint);

/// <summary>A request in review: its categories with counts and hints, and where release stands.</summary>
public sealed record ReviewSummary(
    DataRequest Request,
    long SeenEntryId,
    IReadOnlyList<ReviewCategory> Categories,
    IReadOnlyList<string> Reviewers,
    string? ReleaseRequestedBy,
    bool FourEyes);

/// <summary>A page of one category's records.</summary>
public sealed record ReviewRecordPage(IReadOnlyList<ReviewRecord> Records, int Matching);

/// <summary>What <see cref="ResultReviews.ReleaseAsync"/> did.</summary>
public enum ReleaseOutcome
{
    Released,

    /// <summary>Four eyes: the release is asked for, and waits for a second officer.</summary>
    AwaitingSecondOfficer,
}

/// <summary>
/// Review before release (Art. 15(4)): reads the collected original for the review page, stores reviewers' decisions
/// (each batch a timeline and audit entry in counts and reasons), and releases the reviewed document, after which the
/// request is completed and handed out like any other. A page that is behind someone else's decisions is refused.
/// </summary>
public sealed class ResultReviews(
    IDbContextFactory<PortalDbContext> dbFactory,
    ResultStore store,
    RequestStatusNotifier notifier,
    ComplianceClock clock,
    IOptions<ReviewOptions> reviewOptions,
    IOptions<ResultOptions> resultOptions)
{
    public const int MaxPageSize = 100;

    private readonly ReviewOptions options = reviewOptions.Value;

    public IReadOnlyList<ReviewReason> Reasons => options.EffectiveReasons;

    public bool FourEyes => options.FourEyes;

    /// <summary>The request's review: categories with their counts, decisions and hints; null when there is no such request.</summary>
    public async Task<ReviewSummary?> SummaryAsync(long requestId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.AsNoTracking().Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.DataRequestId == requestId).ToListAsync(cancellationToken);
        var categories = new List<ReviewCategory>();
        if (request.State == RequestState.InReview)
        {
            await using var original = await store.OpenOriginalAsync(requestId);
            if (original is not null)
            {
                categories = await ReadCategoriesAsync(original, request.SubjectId, decisions, cancellationToken);
            }
        }

        var reviewers = request.Timeline.Where(t => t.Event == TimelineEvent.Reviewed).Select(t => t.ActorName).Distinct().ToList();
        return new ReviewSummary(request, RequestActions.LastEntryId(request), categories, reviewers, ReleaseAskedBy(request), options.FourEyes);
    }

    /// <summary>One page of a category's records matching <paramref name="search"/>, with the decisions on them.</summary>
    public async Task<ReviewRecordPage> RecordsAsync(long requestId, int category, string? search, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var state = await db.DataRequests.Where(r => r.Id == requestId).Select(r => (RequestState?)r.State).SingleOrDefaultAsync(cancellationToken);
        if (state != RequestState.InReview)
        {
            return new ReviewRecordPage([], 0);
        }

        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.DataRequestId == requestId && d.Category == category).ToListAsync(cancellationToken);
        var byRecord = decisions.ToLookup(d => d.Record);
        var shown = new List<ReviewRecord>();
        var matching = 0;
        await ForEachRecordAsync(requestId, category, (index, record, fields) =>
        {
            if (!ReviewRecords.Matches(record, fields, search))
            {
                return;
            }

            if (matching >= page * pageSize && shown.Count < pageSize)
            {
                var own = byRecord[index].ToList();
                shown.Add(new ReviewRecord(
                    index,
                    ReviewRecords.TypeOf(record),
                    fields,
                    own.FirstOrDefault(d => d.WithholdsRecord) is { } whole ? View(whole) : null,
                    own.Where(d => !d.WithholdsRecord).ToDictionary(d => d.Field, View, StringComparer.Ordinal)));
            }

            matching++;
        }, cancellationToken);
        return new ReviewRecordPage(shown, matching);
    }

    /// <summary>
    /// Applies a reviewer's decision and records it in the timeline (counts and reasons only); returns how many records or
    /// fields it touched. Throws <see cref="RequestRuleException"/> with a message for the reviewer when it is refused.
    /// </summary>
    public async Task<int> DecideAsync(ReviewCommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        var reason = command.Action == ReviewAction.Restore ? null : RequireReason(command.ReasonKey, command.ReasonText);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await LoadForChangeAsync(db, command.RequestId, command.SeenEntryId, cancellationToken);
        var existing = await db.ReviewDecisions.Where(d => d.DataRequestId == command.RequestId && d.Category == command.Category).ToListAsync(cancellationToken);
        var wanted = command.Records is { Count: > 0 } records ? records.ToHashSet() : null;
        if (wanted is null && string.IsNullOrWhiteSpace(command.Search) && command.Action != ReviewAction.Restore)
        {
            throw new RequestRuleException("Choose records, or search for what to withhold or redact; a decision on a whole category needs a search.");
        }

        var now = clock.Now;
        var touched = 0;
        var category = "";
        await ForEachRecordAsync(command.RequestId, command.Category, (index, record, fields) =>
        {
            if (wanted is not null ? !wanted.Contains(index) : !ReviewRecords.Matches(record, fields, command.Search))
            {
                return;
            }

            switch (command.Action)
            {
                case ReviewAction.Withhold:
                    if (existing.Any(d => d.Record == index && d.WithholdsRecord))
                    {
                        return;
                    }

                    db.ReviewDecisions.Add(new ReviewDecision(command.RequestId, command.Category, index, "", reason!.Key, command.ReasonText, actor.Name, now));
                    touched++;
                    break;
                case ReviewAction.Redact:
                    var paths = command.Field is { Length: > 0 } field
                        ? fields.Where(f => f.Path == field).Select(f => f.Path).Distinct().ToList()
                        : fields.Where(f => f.Value.Contains(command.Search!.Trim(), StringComparison.OrdinalIgnoreCase)).Select(f => f.Path).Distinct().ToList();
                    foreach (var path in paths.Where(p => !existing.Any(d => d.Record == index && d.Field == p)))
                    {
                        if (path.Length > ReviewDecision.MaxFieldLength)
                        {
                            throw new RequestRuleException("This field's name is too long to redact on its own; withhold the record instead.");
                        }

                        db.ReviewDecisions.Add(new ReviewDecision(command.RequestId, command.Category, index, path, reason!.Key, command.ReasonText, actor.Name, now));
                        touched++;
                    }

                    break;
                case ReviewAction.Restore:
                    var gone = existing.Where(d => d.Record == index && (command.Field is null || d.Field == command.Field)).ToList();
                    db.ReviewDecisions.RemoveRange(gone);
                    touched += gone.Count;
                    break;
            }
        }, cancellationToken, name => category = name);

        if (touched == 0)
        {
            throw new RequestRuleException(command.Action == ReviewAction.Restore
                ? "There was nothing to restore there."
                : "Nothing matched that was not decided already; nothing was changed.");
        }

        request.RecordReview(actor, Describe(command.Action, touched, category, reason, command.ReasonText), clock);
        await SaveAsync(db, command.RequestId, cancellationToken);
        notifier.Publish(RequestStatusChange.Of(request, clock.Now));
        return touched;
    }

    /// <summary>
    /// Releases the reviewed document, or, with four eyes, asks for release (the first officer) and releases (a second
    /// officer who neither asked nor made decisions). Throws <see cref="RequestRuleException"/> when refused; nothing changes then.
    /// </summary>
    public async Task<ReleaseOutcome> ReleaseAsync(long requestId, long seenEntryId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await LoadForChangeAsync(db, requestId, seenEntryId, cancellationToken);
        if (options.FourEyes)
        {
            var askedBy = ReleaseAskedBy(request);
            if (askedBy is null)
            {
                request.RequestRelease(actor, clock);
                await SaveAsync(db, requestId, cancellationToken);
                notifier.Publish(RequestStatusChange.Of(request, clock.Now));
                return ReleaseOutcome.AwaitingSecondOfficer;
            }

            var deciders = request.Timeline.Where(t => t.Event == TimelineEvent.Reviewed).Select(t => t.ActorName);
            if (string.Equals(askedBy, actor.Name, StringComparison.OrdinalIgnoreCase) || deciders.Contains(actor.Name, StringComparer.OrdinalIgnoreCase))
            {
                throw new RequestRuleException("Release needs a second officer: someone who neither asked for the release nor made review decisions on this request. Nothing was changed.");
            }
        }

        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.DataRequestId == requestId).ToListAsync(cancellationToken);
        var file = store.NewResultFile(requestId);
        ReleasedSummary released;
        try
        {
            await using (var original = await store.OpenOriginalAsync(requestId) ?? throw new RequestRuleException("The collected result of this request is missing; retry is not possible from review. Nothing was changed."))
            await using (var output = PrivateFiles.Create(file, FileMode.CreateNew))
            {
                released = await ReleasedDocument.WriteAsync(original, output, decisions, ReasonOf, clock.Now, cancellationToken);
            }

            var keep = options.KeepOriginalDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
            request.Release(released.Fingerprint, actor, ReleaseSummary(released), clock, resultOptions.Value.Retention, keep);

            // In place before the request completes, so a download asked the moment it does finds the released document.
            await store.PublishAsync(requestId, file);
            try
            {
                await SaveAsync(db, requestId, cancellationToken);
            }
            catch
            {
                await store.DeleteAsync(requestId);
                throw;
            }
        }
        finally
        {
            File.Delete(file);
        }

        notifier.Publish(RequestStatusChange.Of(request, clock.Now));
        return ReleaseOutcome.Released;
    }

    /// <summary>Deletes collected originals kept past <c>Review:KeepOriginalDays</c> (or their request's end); returns how many.</summary>
    public async Task<int> ForgetOriginalsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.Now;
        var due = await db.DataRequests.Where(r => r.OriginalKeptUntil != null && r.OriginalKeptUntil <= now).OrderBy(r => r.Id).Take(100).ToListAsync(cancellationToken);
        foreach (var request in due)
        {
            await store.DeleteOriginalAsync(request.Id);
            request.ForgetOriginal();
            db.ReviewDecisions.RemoveRange(db.ReviewDecisions.Where(d => d.DataRequestId == request.Id));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed meanwhile; the next pass sees it again.
            return 0;
        }

        return due.Count;
    }

    /// <summary>A reason as the released document and the subject read it: the label, with the reviewer's words where asked for.</summary>
    public ReleaseReason ReasonOf(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var reason = Reasons.FirstOrDefault(r => r.Key == decision.ReasonKey);
        var label = reason?.Label ?? decision.ReasonKey;
        var marker = string.IsNullOrWhiteSpace(reason?.Marker) ? label.ToLowerInvariant() : reason.Marker;
        return reason is { NeedsText: true } && decision.ReasonText is { } text
            ? new ReleaseReason($"{label}: {text}", marker)
            : new ReleaseReason(label, marker);
    }

    private ReviewDecisionView View(ReviewDecision decision) => new(ReasonOf(decision).Label, decision.DecidedBy, decision.DecidedAt);

    private ReviewReason RequireReason(string? key, string? text)
    {
        var reason = Reasons.FirstOrDefault(r => string.Equals(r.Key, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new RequestRuleException("Choose one of the reasons for withholding or redacting.");
        if (reason.NeedsText && string.IsNullOrWhiteSpace(text))
        {
            throw new RequestRuleException($"The reason \"{reason.Label}\" needs a few words saying why.");
        }

        if (text?.Trim().Length > ReviewDecision.MaxTextLength)
        {
            throw new RequestRuleException($"A reason's words can be at most {ReviewDecision.MaxTextLength} characters.");
        }

        return reason;
    }

    /// <summary>The request, tracked, when it is in review and the page that asks is not behind someone else's change.</summary>
    private async Task<DataRequest> LoadForChangeAsync(PortalDbContext db, long requestId, long seenEntryId, CancellationToken cancellationToken)
    {
        var request = await db.DataRequests.Include(r => r.Timeline).SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new RequestRuleException("There is no request with this id.");
        if (request.Timeline.Count > 0 && request.Timeline.All(t => t.Id != seenEntryId))
        {
            throw new RequestActionInputException(
                $"Timeline entry {seenEntryId} is not one of this request's entries, so it cannot say what your page showed. Nothing was changed: open the review again.");
        }

        if (request.Timeline.Any(t => t.Id > seenEntryId && t.ActorKind != ActorKind.System))
        {
            throw Stale(request);
        }

        if (request.State != RequestState.InReview)
        {
            throw new RequestRuleException($"This request is {request.State.ToString().ToLowerInvariant()}, not in review. Nothing was changed.");
        }

        return request;
    }

    private async Task SaveAsync(PortalDbContext db, long requestId, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another reviewer saved first (the request's version, or the same decision): this page is behind.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            throw Stale(await fresh.DataRequests.AsNoTracking().Include(r => r.Timeline).SingleAsync(r => r.Id == requestId, cancellationToken));
        }
    }

    private static RequestRuleException Stale(DataRequest current)
    {
        var last = current.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).LastOrDefault(t => t.ActorKind != ActorKind.System);
        return new RequestRuleException(
            $"This review was changed by {last?.ActorName ?? "someone else"} after your page showed it. Nothing was changed: look at the review again and decide.");
    }

    private static string? ReleaseAskedBy(DataRequest request)
    {
        var asked = request.Timeline.Where(t => t.Event == TimelineEvent.ReleaseRequested).OrderBy(t => t.Id).LastOrDefault();
        return asked?.ActorName;
    }

    private static string Describe(ReviewAction action, int touched, string category, ReviewReason? reason, string? text)
    {
        var what = action switch
        {
            ReviewAction.Withhold => touched == 1 ? "Withheld 1 record" : $"Withheld {touched} records",
            ReviewAction.Redact => touched == 1 ? "Redacted 1 field" : $"Redacted {touched} fields",
            _ => touched == 1 ? "Restored 1 decision" : $"Restored {touched} decisions",
        };
        var why = reason is null ? "" : reason.NeedsText && !string.IsNullOrWhiteSpace(text) ? $": {reason.Label} ({text.Trim()})" : $": {reason.Label}";
        return string.Create(CultureInfo.InvariantCulture, $"{what} in {category}{why}");
    }

    private static string ReleaseSummary(ReleasedSummary released)
    {
        if (released.Withheld.Count == 0)
        {
            return "Released after review; nothing withheld";
        }

        var parts = released.Withheld.Select(w => string.Create(CultureInfo.InvariantCulture,
            $"{w.Category}: {(w.Records > 0 ? $"{w.Records} record(s)" : "")}{(w.Records > 0 && w.Fields > 0 ? " and " : "")}{(w.Fields > 0 ? $"{w.Fields} field(s)" : "")} ({w.Reason})"));
        var text = "Released after review; withheld " + string.Join("; ", parts);
        return text.Length > DataRequest.MaxReasonLength ? text[..(DataRequest.MaxReasonLength - 1)] + "…" : text;
    }

    private async Task ForEachRecordAsync(long requestId, int category, Action<int, JsonElement, List<ReviewField>> visit, CancellationToken cancellationToken, Action<string>? categoryName = null)
    {
        await using var original = await store.OpenOriginalAsync(requestId) ?? throw new RequestRuleException("The collected result of this request is not there.");
        var categories = await ResultCategories.ReadAsync(original, cancellationToken);
        if (category < 0 || category >= categories.Count)
        {
            throw new RequestRuleException("There is no such category in this result.");
        }

        categoryName?.Invoke(categories[category].Name);
        original.Position = 0;
        await using var records = new ResultRecords(original);
        for (var i = 0; i < category; i++)
        {
            await foreach (var skipped in records.NextCategoryAsync(cancellationToken))
            {
                _ = skipped;
            }
        }

        var index = 0;
        await foreach (var record in records.NextCategoryAsync(cancellationToken))
        {
            visit(index++, record, ReviewRecords.Fields(record));
        }
    }

    private static async Task<List<ReviewCategory>> ReadCategoriesAsync(Stream original, string subjectId, List<ReviewDecision> decisions, CancellationToken cancellationToken)
    {
        var categories = await ResultCategories.ReadAsync(original, cancellationToken);

        // Two passes: the subject's own identifiers first (their profile may come after the mails), then what is foreign.
        original.Position = 0;
        var all = new List<List<JsonElement>>();
        await using (var records = new ResultRecords(original))
        {
            for (var i = 0; i < categories.Count; i++)
            {
                var list = new List<JsonElement>();
                await foreach (var record in records.NextCategoryAsync(cancellationToken))
                {
                    list.Add(record);
                }

                all.Add(list);
            }
        }

        var own = ReviewHints.OwnIdentifiers(subjectId, all.SelectMany(l => l));
        var result = new List<ReviewCategory>();
        for (var i = 0; i < categories.Count; i++)
        {
            var withAddresses = 0;
            var withPhones = 0;
            var frequency = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var record in all[i])
            {
                var (addresses, phones) = ReviewHints.Foreign(record, own);
                withAddresses += addresses.Count > 0 ? 1 : 0;
                withPhones += phones.Count > 0 ? 1 : 0;
                foreach (var value in addresses.Concat(phones))
                {
                    frequency[value] = frequency.GetValueOrDefault(value) + 1;
                }
            }

            var top = frequency.OrderByDescending(f => f.Value).ThenBy(f => f.Key, StringComparer.Ordinal).Take(5).Select(f => (f.Key, f.Value)).ToList();
            var mine = decisions.Where(d => d.Category == i).ToList();
            result.Add(new ReviewCategory(
                i,
                categories[i].Source,
                categories[i].Name,
                all[i].Count,
                mine.Count(d => d.WithholdsRecord),
                mine.Count(d => !d.WithholdsRecord),
                new ReviewHint(i, withAddresses, withPhones, top)));
        }

        return result;
    }
}
