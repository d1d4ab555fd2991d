using System.Data;
using System.Globalization;
using System.Security.Cryptography;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Email;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.SelfService;

/// <summary>What the asking browser keeps (in a protected cookie) so the code and link work there and nowhere else.</summary>
public sealed record BrowserTicket(Guid ChallengeId, string Secret, string Email, SignInPurpose Purpose);

public enum CodeRequestOutcome
{
    Sent,
    InvalidAddress,
    TooManyForAddress,
    TooManyFromClient,
    MailFailed,
}

/// <summary>The answer to "send me a code"; the same for every well-formed address, whether or not the portal holds data about it.</summary>
public sealed record CodeRequest(CodeRequestOutcome Outcome, BrowserTicket? Ticket = null, string? AddressProblem = null, TimeSpan? RetryAfter = null);

public enum VerifyOutcome
{
    Verified,

    /// <summary>Not six digits: not counted as an attempt.</summary>
    Malformed,
    WrongCode,

    /// <summary>The attempt limit is reached: the code no longer works, not even the right one.</summary>
    TooManyAttempts,
    Expired,
    AlreadyUsed,

    /// <summary>This browser never asked for a code, or its request was forgotten.</summary>
    NoCodeRequested,

    /// <summary>The link is real but belongs to another browser (or an earlier email in this one); nothing was used up.</summary>
    OtherBrowser,

    /// <summary>No code was ever sent with this link.</summary>
    UnknownLink,
}

public sealed record Verification(VerifyOutcome Outcome, string? Email = null, SignInPurpose Purpose = SignInPurpose.FileRequest, int AttemptsLeft = 0)
{
    public bool Succeeded => Outcome == VerifyOutcome.Verified;
}

/// <summary>
/// Proves that a data subject reads the mailbox of an address: a six-digit code and a sign-in link, emailed together,
/// stored only as hashes, valid for <see cref="SelfServiceOptions.CodeMinutes"/> minutes, once, in the browser that
/// asked, and dead after <see cref="SelfServiceOptions.MaxWrongAttempts"/> wrong codes. Whether the portal holds data
/// about the address is never looked at, so the answer cannot tell anyone.
/// </summary>
public sealed partial class SubjectSignIn(
    IDbContextFactory<PortalDbContext> dbFactory,
    PortalKey key,
    SubjectMails mails,
    MailDispatch dispatch,
    TimeProvider time,
    IOptions<SelfServiceOptions> selfServiceOptions,
    ILogger<SubjectSignIn> logger)
{
    public const int CodeLength = 6;

    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    // Kept a day after they stop working, so the hourly limits and "already used" answers have something to count.
    private static readonly TimeSpan KeepFor = TimeSpan.FromDays(1);

    private readonly SelfServiceOptions options = selfServiceOptions.Value;

    /// <summary>Emails a new code and link to <paramref name="email"/>, unless the address is malformed or a limit is reached.</summary>
    /// <param name="client">The asking client's IP address; null when unknown (counted as one client).</param>
    public async Task<CodeRequest> RequestCodeAsync(
        string? email, SignInPurpose purpose, string? client, CancellationToken cancellationToken = default, string? language = null)
    {
        if (!Subject.TryCreate(SubjectType.Email, email, out var subject, out var problem))
        {
            return new CodeRequest(CodeRequestOutcome.InvalidAddress, AddressProblem: problem);
        }

        var address = subject.Identifier;
        var clientHash = key.Mac("client:" + (client ?? "unknown"));
        var now = time.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.SignInChallenges.Where(c => c.CreatedAt < now - KeepFor).ExecuteDeleteAsync(cancellationToken);

        var id = Guid.NewGuid();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var linkToken = NewSecret();
        var browserSecret = NewSecret();
        var challenge = new SignInChallenge(id, address, purpose, CodeHash(id, code), Hash(linkToken), Hash(browserSecret), clientHash, now, options.CodeLifetime);
        if (await StoreWithinLimitsAsync(db, challenge, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        try
        {
            await dispatch.SendAsync(mails.Code(address, code, linkToken, challenge.ExpiresAt, language), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The code never arrived, so it must not count against the address's limit either.
            await db.SignInChallenges.Where(c => c.Id == id).ExecuteDeleteAsync(CancellationToken.None);
            LogMailFailed(logger, ex);
            return new CodeRequest(CodeRequestOutcome.MailFailed);
        }

        return new CodeRequest(CodeRequestOutcome.Sent, new BrowserTicket(id, browserSecret, address, purpose));
    }

    /// <summary>
    /// Stores the challenge unless the client or the address has had its hourly share of codes; the refusal otherwise.
    /// Counting and storing are one serializable transaction, so codes asked for at the same instant, through this
    /// process or another, never pass the limits together: SQLite lets one such transaction write at a time (it begins
    /// with the write lock, <c>BEGIN IMMEDIATE</c>); SQL Server locks the counted key ranges, and of two transactions
    /// that meet there one is chosen to give way (a deadlock) and is run again by the execution strategy, counting anew.
    /// </summary>
    private async Task<CodeRequest?> StoreWithinLimitsAsync(PortalDbContext db, SignInChallenge challenge, CancellationToken cancellationToken)
    {
        var now = challenge.CreatedAt;
        var since = now - Window;
        await using var turn = await DatabaseWrites.EnterAsync(db, WritePriority.Interactive, cancellationToken);
        return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var fromClient = await db.SignInChallenges.Where(c => c.ClientHash == challenge.ClientHash && c.CreatedAt > since)
                .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
            if (fromClient.Count >= options.CodesPerClientPerHour)
            {
                return new CodeRequest(CodeRequestOutcome.TooManyFromClient, RetryAfter: fromClient[^options.CodesPerClientPerHour] + Window - now);
            }

            var forAddress = await db.SignInChallenges.Where(c => c.Email == challenge.Email && c.CreatedAt > since)
                .OrderBy(c => c.CreatedAt).Select(c => c.CreatedAt).ToListAsync(cancellationToken);
            if (forAddress.Count >= options.CodesPerAddressPerHour)
            {
                return new CodeRequest(CodeRequestOutcome.TooManyForAddress, RetryAfter: forAddress[^options.CodesPerAddressPerHour] + Window - now);
            }

            db.SignInChallenges.Add(challenge);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return (CodeRequest?)null;
        });
    }

    /// <summary>Checks a typed code against the code this browser asked for; a wrong one counts towards the limit.</summary>
    public async Task<Verification> VerifyCodeAsync(BrowserTicket? ticket, string? code, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var challenge = ticket is null ? null : await db.SignInChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == ticket.ChallengeId, cancellationToken);
        if (challenge is null || !SameBrowser(challenge, ticket!))
        {
            return new Verification(VerifyOutcome.NoCodeRequested);
        }

        if (Unusable(challenge) is { } refusal)
        {
            return refusal;
        }

        var typed = string.Concat((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-'));
        if (typed.Length != CodeLength || !typed.All(char.IsAsciiDigit))
        {
            return new Verification(VerifyOutcome.Malformed, challenge.Email, challenge.Purpose, options.MaxWrongAttempts - challenge.WrongAttempts);
        }

        if (!CryptographicOperations.FixedTimeEquals(CodeHash(challenge.Id, typed), challenge.CodeHash))
        {
            // Counted in the database in one statement, so parallel guesses cannot slip past the limit.
            var max = options.MaxWrongAttempts;
            await db.SignInChallenges.Where(c => c.Id == challenge.Id && c.WrongAttempts < max)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.WrongAttempts, c => c.WrongAttempts + 1), cancellationToken);
            var wrong = await db.SignInChallenges.Where(c => c.Id == challenge.Id).Select(c => c.WrongAttempts).SingleAsync(cancellationToken);
            return wrong >= max
                ? new Verification(VerifyOutcome.TooManyAttempts, challenge.Email, challenge.Purpose)
                : new Verification(VerifyOutcome.WrongCode, challenge.Email, challenge.Purpose, max - wrong);
        }

        return await UseAsync(db, challenge, cancellationToken);
    }

    /// <summary>Signs in with the emailed link; it works only in the browser that asked, and opening it elsewhere uses nothing up.</summary>
    public async Task<Verification> VerifyLinkAsync(BrowserTicket? ticket, string? linkToken, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(linkToken) || linkToken.Length > 100)
        {
            return new Verification(VerifyOutcome.UnknownLink);
        }

        var hash = Hash(linkToken.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var challenge = await db.SignInChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.LinkHash == hash, cancellationToken);
        if (challenge is null)
        {
            return new Verification(VerifyOutcome.UnknownLink);
        }

        if (Unusable(challenge) is { } refusal)
        {
            return refusal;
        }

        if (ticket is null || ticket.ChallengeId != challenge.Id || !SameBrowser(challenge, ticket))
        {
            return new Verification(VerifyOutcome.OtherBrowser, challenge.Email, challenge.Purpose);
        }

        return await UseAsync(db, challenge, cancellationToken);
    }

    private Verification? Unusable(SignInChallenge challenge) =>
        challenge.UsedAt is not null ? new Verification(VerifyOutcome.AlreadyUsed, challenge.Email, challenge.Purpose)
        : challenge.WrongAttempts >= options.MaxWrongAttempts ? new Verification(VerifyOutcome.TooManyAttempts, challenge.Email, challenge.Purpose)
        : challenge.ExpiresAt <= time.GetUtcNow() ? new Verification(VerifyOutcome.Expired, challenge.Email, challenge.Purpose)
        : null;

    /// <summary>Marks the challenge used in one conditional statement: of two simultaneous tries, exactly one wins.</summary>
    private async Task<Verification> UseAsync(PortalDbContext db, SignInChallenge challenge, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var max = options.MaxWrongAttempts;
        var used = await db.SignInChallenges
            .Where(c => c.Id == challenge.Id && c.UsedAt == null && c.WrongAttempts < max && c.ExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.UsedAt, now), cancellationToken);
        return used == 1
            ? new Verification(VerifyOutcome.Verified, challenge.Email, challenge.Purpose)
            : new Verification(VerifyOutcome.AlreadyUsed, challenge.Email, challenge.Purpose);
    }

    private static bool SameBrowser(SignInChallenge challenge, BrowserTicket ticket) =>
        CryptographicOperations.FixedTimeEquals(Hash(ticket.Secret ?? ""), challenge.BrowserHash);

    private byte[] CodeHash(Guid challenge, string code) => key.Mac($"sign-in-code:{challenge:N}:{code}");

    private static byte[] Hash(string secret) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret));

    private static string NewSecret() => System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    [LoggerMessage(Level = LogLevel.Error, Message = "A sign-in code could not be emailed")]
    private static partial void LogMailFailed(ILogger logger, Exception exception);
}
