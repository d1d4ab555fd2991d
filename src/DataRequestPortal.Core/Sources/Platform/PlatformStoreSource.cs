using System.Globalization;
using System.Text.Json;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Core.Sources.Platform;

/// <summary>
/// The organisation's own mailing data in the portal's database. Every query streams its rows in id order and each
/// row is written as it is read, so a subject with hundreds of thousands of records never sits in memory.
/// </summary>
/// <remarks>
/// An email address finds the rows sent to or filled in with that address, plus the subprofiles of profiles with
/// that address; a profile finds itself, its subprofiles and the rows linked to it; a subprofile finds itself and
/// the rows linked to it.
/// </remarks>
public sealed class PlatformStoreSource(IDbContextFactory<PortalDbContext> contexts, PlatformStoreOptions options) : IDataSource, ISourceConnectionCheck
{
    public const string Key = "platform";

    public static readonly IReadOnlyList<CategoryDescription> Categories =
    [
        new("profile", "Your profile in our mailing database: your email address and the details we keep about you, such as name, city and preferences, with when it was created and last changed."),
        new("subprofile", "Records kept under your profile, such as orders, memberships and event registrations, with their details and dates."),
        new("message", "Mails we sent you: sender, recipient, subject, campaign, when it was sent, and the HTML and text versions."),
        new("mime", "The complete MIME message of every mail we sent you, exactly as it was sent."),
        new("attachment", "Files attached to mails we sent you: name, content type, size, SHA-256 checksum and the content itself (base64)."),
        new("open", "Each time a mail we sent you was opened: when, from which IP address and with which mail program or browser."),
        new("click", "Each link you followed in a mail we sent you: the link, when, from which IP address and with which browser."),
        new("survey", "Surveys you filled in, with your answers."),
    ];

    public SourceDescription Description { get; } = new(
        Key,
        options.Title,
        [SubjectType.Email, SubjectType.Profile, SubjectType.Subprofile],
        Categories,
        options.Facts);

    public async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(output);
        var scope = SubjectScope.Of(subject);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One connection for all its statements: each open of an SQLite connection registers EF Core's functions anew.
        await db.Database.OpenConnectionAsync(cancellationToken);

        await WriteProfilesAsync(db, scope, output, cancellationToken);
        await WriteSubprofilesAsync(db, scope, output, cancellationToken);
        await WriteMessagesAsync(db, scope, output, cancellationToken);
        await WriteMimeAsync(db, scope, output, cancellationToken);
        await WriteAttachmentsAsync(db, scope, output, cancellationToken);
        await WriteEventsAsync(db, scope, PlatformEventKind.Open, "open", output, cancellationToken);
        await WriteEventsAsync(db, scope, PlatformEventKind.Click, "click", output, cancellationToken);
        await WriteSurveysAsync(db, scope, output, cancellationToken);
    }

    /// <summary>Asks the portal's database whether its profile table answers.</summary>
    public async Task<string> CheckConnectionAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.PlatformProfiles.AnyAsync(cancellationToken);
        }
        catch (System.Data.Common.DbException ex)
        {
            throw new DataSourceException($"The portal's database could not be read: {ex.Message}", ex);
        }

        return "The portal's own database answered.";
    }

    private static async Task WriteProfilesAsync(PortalDbContext db, SubjectScope scope, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory("profile");
        var profiles = db.PlatformProfiles.AsNoTracking();
        var query = scope switch
        {
            { Email: { } email } => profiles.Where(p => p.Email == email),
            { ProfileId: { } id } => profiles.Where(p => p.Id == id),
            _ => null,
        };
        if (query is null)
        {
            return;
        }

        await foreach (var profile in query.OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord("profile");
            json.WriteNumber("id", profile.Id);
            json.WriteString("database", profile.Database);
            json.WriteString("email", profile.Email);
            WriteNested(json, "fields", profile.FieldsJson);
            WriteTime(json, "created", profile.CreatedAt);
            WriteTime(json, "modified", profile.ModifiedAt);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static async Task WriteSubprofilesAsync(PortalDbContext db, SubjectScope scope, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory("subprofile");
        var subprofiles = db.PlatformSubprofiles.AsNoTracking();
        var query = scope switch
        {
            // An IN list rather than EXISTS: the database can then use both indexes instead of scanning every subprofile.
            { Email: { } email } => subprofiles.Where(s => s.Email == email
                || db.PlatformProfiles.Where(p => p.Email == email).Select(p => p.Id).Contains(s.ProfileId)),
            { ProfileId: { } id } => subprofiles.Where(s => s.ProfileId == id),
            { SubprofileId: { } id } => subprofiles.Where(s => s.Id == id),
            _ => null,
        };
        if (query is null)
        {
            return;
        }

        await foreach (var subprofile in query.OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord("subprofile");
            json.WriteNumber("id", subprofile.Id);
            json.WriteNumber("profile", subprofile.ProfileId);
            json.WriteString("collection", subprofile.Collection);
            json.WriteString("email", subprofile.Email);
            WriteNested(json, "fields", subprofile.FieldsJson);
            WriteTime(json, "created", subprofile.CreatedAt);
            WriteTime(json, "modified", subprofile.ModifiedAt);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static IQueryable<PlatformMessage> MessagesOf(PortalDbContext db, SubjectScope scope)
    {
        var messages = db.PlatformMessages.AsNoTracking();
        return scope switch
        {
            { Email: { } email } => messages.Where(m => m.Recipient == email),
            { ProfileId: { } id } => messages.Where(m => m.ProfileId == id),
            { SubprofileId: { } id } => messages.Where(m => m.SubprofileId == id),
            _ => messages.Where(m => false),
        };
    }

    private static async Task WriteMessagesAsync(PortalDbContext db, SubjectScope scope, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory("message");

        // The MIME text is left out here: it is written once, in its own category.
        var query = MessagesOf(db, scope)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.ProfileId, m.SubprofileId, m.Sender, m.Recipient, m.Subject, m.Campaign, m.SentAt, m.Html, m.Text });
        await foreach (var message in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord("message");
            json.WriteNumber("id", message.Id);
            WriteId(json, "profile", message.ProfileId);
            WriteId(json, "subprofile", message.SubprofileId);
            json.WriteString("sender", message.Sender);
            json.WriteString("recipient", message.Recipient);
            json.WriteString("subject", message.Subject);
            json.WriteString("campaign", message.Campaign);
            WriteTime(json, "sent", message.SentAt);
            json.WriteString("html", message.Html);
            json.WriteString("text", message.Text);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static async Task WriteMimeAsync(PortalDbContext db, SubjectScope scope, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory("mime");
        var query = MessagesOf(db, scope)
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.SentAt, m.Mime });
        await foreach (var message in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord("mime");
            json.WriteNumber("id", message.Id);
            WriteTime(json, "sent", message.SentAt);
            json.WriteString("mime", message.Mime);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static async Task WriteAttachmentsAsync(PortalDbContext db, SubjectScope scope, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory("attachment");

        // Ordered by mail, then attachment: the order the index walk yields, so the database needs no sort.
        var query =
            from message in MessagesOf(db, scope)
            join attachment in db.PlatformAttachments.AsNoTracking() on message.Id equals attachment.MessageId
            orderby message.Id, attachment.Id
            select attachment;
        await foreach (var attachment in query.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord("attachment");
            json.WriteNumber("id", attachment.Id);
            json.WriteNumber("message", attachment.MessageId);
            json.WriteString("name", attachment.FileName);
            json.WriteString("contentType", attachment.ContentType);
            json.WriteNumber("size", attachment.Size);
            json.WriteString("sha256", attachment.Sha256);
            json.WriteBase64String("content", attachment.Content);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static async Task WriteEventsAsync(
        PortalDbContext db, SubjectScope scope, PlatformEventKind kind, string category, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory(category);
        var events = db.PlatformEvents.AsNoTracking().Where(e => e.Kind == kind);
        var query = scope switch
        {
            { Email: { } email } => events.Where(e => e.Recipient == email),
            { ProfileId: { } id } => events.Where(e => e.ProfileId == id),
            { SubprofileId: { } id } => events.Where(e => e.SubprofileId == id),
            _ => null,
        };
        if (query is null)
        {
            return;
        }

        await foreach (var item in query.OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord(category);
            json.WriteNumber("id", item.Id);
            json.WriteNumber("message", item.MessageId);
            WriteId(json, "profile", item.ProfileId);
            WriteId(json, "subprofile", item.SubprofileId);
            json.WriteString("recipient", item.Recipient);
            WriteTime(json, "time", item.At);
            if (kind == PlatformEventKind.Click)
            {
                json.WriteString("url", item.Url);
            }

            json.WriteString("ipAddress", item.IpAddress);
            json.WriteString("userAgent", item.UserAgent);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static async Task WriteSurveysAsync(PortalDbContext db, SubjectScope scope, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory("survey");
        var surveys = db.PlatformSurveyAnswers.AsNoTracking();
        var query = scope switch
        {
            { Email: { } email } => surveys.Where(s => s.Email == email),
            { ProfileId: { } id } => surveys.Where(s => s.ProfileId == id),
            { SubprofileId: { } id } => surveys.Where(s => s.SubprofileId == id),
            _ => null,
        };
        if (query is null)
        {
            return;
        }

        await foreach (var answer in query.OrderBy(s => s.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            var json = output.BeginRecord("survey");
            json.WriteNumber("id", answer.Id);
            json.WriteString("survey", answer.Survey);
            json.WriteString("email", answer.Email);
            WriteId(json, "profile", answer.ProfileId);
            WriteId(json, "subprofile", answer.SubprofileId);
            WriteTime(json, "submitted", answer.SubmittedAt);
            WriteNested(json, "answers", answer.AnswersJson);
            await output.EndRecordAsync(cancellationToken);
        }
    }

    private static void WriteId(Utf8JsonWriter json, string name, long? id)
    {
        if (id is { } value)
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string name, DateTimeOffset value) =>
        json.WriteString(name, value.UtcDateTime);

    /// <summary>Stored JSON goes out as JSON; text that is not JSON goes out as a string rather than failing the whole request.</summary>
    private static void WriteNested(Utf8JsonWriter json, string name, string stored)
    {
        json.WritePropertyName(name);
        try
        {
            // Validated before anything is written, so a refusal leaves the writer where it was.
            json.WriteRawValue(stored);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            json.WriteStringValue(stored);
        }
    }

    /// <summary>What identifies the subject in the platform store's tables: an address, a profile id or a subprofile id.</summary>
    private sealed record SubjectScope(string? Email, long? ProfileId, long? SubprofileId)
    {
        public static SubjectScope Of(Subject subject) => subject.Type switch
        {
            SubjectType.Email => new(subject.Identifier, null, null),
            SubjectType.Profile => new(null, long.Parse(subject.Identifier, CultureInfo.InvariantCulture), null),
            SubjectType.Subprofile => new(null, null, long.Parse(subject.Identifier, CultureInfo.InvariantCulture)),
            _ => throw new ArgumentOutOfRangeException(nameof(subject), subject.Type, "Unknown subject type."),
        };
    }
}
