using DataRequestPortal.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Requests;

public enum RequestAction
{
    Cancel,
    Retry,
    Deny,
    Extend,

    /// <summary>Ask the subject for information needed to find or verify them; the request waits for the answer.</summary>
    AskSubject,

    /// <summary>Record the subject's answer that came another way (mail, phone); the request goes on.</summary>
    RecordAnswer,
}

/// <summary>
/// A staff member's action on a request as their page showed it: <see cref="SeenEntryId"/> is the newest timeline entry on
/// that page, so an action on a request that a person has changed since is refused instead of applied blindly. The
/// portal's own progress (collecting, completed) does not count: the lifecycle's rules judge those.
/// <see cref="Reason"/> is the reason, the question to the subject or their answer; <see cref="Amount"/> the extension in the
/// regime's unit (months or days); <see cref="Question"/> what a question to the subject is about.
/// </summary>
public sealed record RequestActionCommand(long RequestId, long SeenEntryId, RequestAction Action, string? Reason = null, int Amount = 0, SubjectQuestion Question = SubjectQuestion.Identity);

/// <summary>
/// Cancel, retry, deny, extend, ask the subject and record their answer: the lifecycle's rules, the timeline, the audit
/// log and the self-service subject's notice in one save, then live watchers told.
/// </summary>
public sealed class RequestActions(IDbContextFactory<PortalDbContext> dbFactory, ComplianceClock clock, RequestStatusNotifier notifier, ISubjectNotices notices)
{
    /// <summary>Which actions the lifecycle allows on a request in <paramref name="state"/>, whatever the role.</summary>
    public static IReadOnlyList<RequestAction> Allowed(RequestState state, bool extended)
    {
        var allowed = new List<RequestAction>();
        if (RequestLifecycle.CanMove(state, RequestState.Cancelled))
        {
            allowed.Add(RequestAction.Cancel);
        }

        if (state == RequestState.Failed)
        {
            allowed.Add(RequestAction.Retry);
        }

        if (RequestLifecycle.CanMove(state, RequestState.Denied))
        {
            allowed.Add(RequestAction.Deny);
        }

        if (RequestLifecycle.IsOpen(state) && !extended)
        {
            allowed.Add(RequestAction.Extend);
        }

        if (RequestLifecycle.CanMove(state, RequestState.AwaitingSubject))
        {
            allowed.Add(RequestAction.AskSubject);
        }

        if (state == RequestState.AwaitingSubject)
        {
            allowed.Add(RequestAction.RecordAnswer);
        }

        return allowed;
    }

    /// <summary>
    /// Applies the action or throws <see cref="RequestRuleException"/> (the rules refuse it) or <see cref="RequestActionInputException"/>
    /// (the seen entry is not one of the request's) with a message for the user; nothing changes then.
    /// </summary>
    public async Task<DataRequest> ApplyAsync(RequestActionCommand command, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.DataRequests.Include(r => r.Timeline).Include(r => r.Pauses).AsSplitQuery().SingleOrDefaultAsync(r => r.Id == command.RequestId, cancellationToken)
            ?? throw new RequestRuleException("There is no request with this id.");

        // Only an entry the page could have shown counts; a made-up id (say, one far in the future) would skip the check below.
        var seenIsOwn = request.Timeline.Count == 0 ? command.SeenEntryId == 0 : request.Timeline.Any(t => t.Id == command.SeenEntryId);
        if (!seenIsOwn)
        {
            throw new RequestActionInputException(
                $"Timeline entry {command.SeenEntryId} is not one of this request's entries, so it cannot say what your page showed. Nothing was changed: open the request again and decide.");
        }

        if (request.Timeline.Any(t => t.Id > command.SeenEntryId && t.ActorKind != ActorKind.System))
        {
            throw Stale(request);
        }

        switch (command.Action)
        {
            case RequestAction.Cancel:
                request.Cancel(actor, clock, command.Reason);
                break;
            case RequestAction.Retry:
                request.Retry(actor, clock, string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason);
                break;
            case RequestAction.Deny:
                request.Deny(actor, command.Reason!, clock);
                break;
            case RequestAction.Extend:
                request.ExtendDueDate(command.Amount, actor, command.Reason!, clock);
                notices.Queue(db, request, SubjectNotice.Extension);
                break;
            case RequestAction.AskSubject:
                request.AskSubject(command.Question, command.Reason!, actor, clock);
                notices.Queue(db, request, SubjectNotice.Question, request.Pauses[^1].Number);
                break;
            case RequestAction.RecordAnswer:
                request.RecordAnswer(command.Reason!, actor, clock);
                break;
            default:
                throw new RequestRuleException("Unknown action.");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write (the Version token); say who, from a fresh read.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var now = await fresh.DataRequests.AsNoTracking().Include(r => r.Timeline).SingleAsync(r => r.Id == command.RequestId, cancellationToken);
            throw Stale(now);
        }

        notifier.Publish(RequestStatusChange.Of(request, clock.Now));
        return request;
    }

    /// <summary>The newest timeline entry of a request as loaded, for <see cref="RequestActionCommand.SeenEntryId"/>.</summary>
    public static long LastEntryId(DataRequest request) => request.Timeline.Count == 0 ? 0 : request.Timeline.Max(t => t.Id);

    private static RequestRuleException Stale(DataRequest current)
    {
        var last = current.Timeline.OrderBy(t => t.At).ThenBy(t => t.Id).LastOrDefault(t => t.ActorKind != ActorKind.System);
        var who = last is null ? "someone else" : last.Actor.Kind == ActorKind.System ? "the portal" : last.ActorName;
        return new RequestRuleException(
            $"This request was changed by {who} after your page showed it; it is now {current.State.ToString().ToLowerInvariant()}. Nothing was changed: look at the request again and decide.");
    }
}
