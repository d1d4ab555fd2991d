using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Dashboard;

/// <summary>
/// Queues each officer's and admin's daily digest once a day, from <see cref="ReminderOptions.DigestHour"/> in the
/// organisation's time zone, into the delivery queue that sends and retries it. Each person's day is decided once
/// in the database; a portal started after the hour sends that day's digest, never a day it missed while down.
/// </summary>
public sealed partial class DailyDigestSender(
    IDbContextFactory<PortalDbContext> dbFactory,
    StaffDigest digest,
    ComplianceClock clock,
    IOptions<ReminderOptions> reminderOptions,
    IOptions<PortalOptions> portalOptions,
    ILogger<DailyDigestSender> logger,
    Action? queued = null) : BackgroundService
{
    private readonly ReminderOptions options = reminderOptions.Value;

    /// <summary>
    /// Decides today's digest for every recipient who has none yet, once the digest hour has come; returns how many
    /// digests were queued (a day with nothing to report is recorded for them but sends nothing).
    /// </summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.Now;
        var local = TimeZoneInfo.ConvertTime(now, clock.Zone);
        if (local.Hour < options.DigestHour)
        {
            return 0;
        }

        var day = DateOnly.FromDateTime(local.DateTime);
        List<DigestRecipient> due;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var decided = (await db.StaffDigestMails.Where(m => m.Day == day).Select(m => m.UserId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
            due = [.. (await DigestRecipients.ListAsync(db, null, cancellationToken)).Where(r => !decided.Contains(r.UserId))];
        }

        if (due.Count == 0)
        {
            return 0;
        }

        var content = await digest.ComposeAsync(options.DueSoonDays, cancellationToken);
        var text = content.IsEmpty ? null : StaffDigest.Text(content, portalOptions.Value.PublicUrl);
        var sent = 0;
        foreach (var recipient in due)
        {
            // One save per person: the digest's row and its delivery together, so neither exists without the other.
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var mail = new StaffDigestMail(recipient.UserId, day, content.Count, text, now);
            db.StaffDigestMails.Add(mail);
            if (text is not null)
            {
                db.ReportDeliveries.Add(ReportDelivery.Digest(mail, recipient.Email, now));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                sent += text is null ? 0 : 1;
            }
            catch (DbUpdateException)
            {
                // Another portal process decided this person's day at the same moment; its row stands.
            }
        }

        if (sent > 0)
        {
            queued?.Invoke();
        }

        LogDecided(logger, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), due.Count, sent);
        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // The next pass is counted from this one's start, so a pass that runs past the hour does not skip it.
            var next = NextPass(clock.Now);
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }

            try
            {
                var wait = next - clock.Now;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, clock.Time, stoppingToken);
                }
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>
    /// The start of the organisation's next hour: passes run hourly, so the digest hour is met whatever the clock did
    /// meanwhile (a summer-time change, a suspended machine), and someone who opts in later that day still gets it.
    /// </summary>
    private DateTimeOffset NextPass(DateTimeOffset after)
    {
        var local = TimeZoneInfo.ConvertTime(after, clock.Zone);
        return new DateTimeOffset(local.Year, local.Month, local.Day, local.Hour, 0, 0, local.Offset).AddHours(1);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Daily digest for {Day}: decided for {Recipients} staff members, {Sent} queued")]
    private static partial void LogDecided(ILogger logger, string day, int recipients, int sent);

    [LoggerMessage(Level = LogLevel.Error, Message = "Queueing the daily digest failed; it is tried again within the hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
