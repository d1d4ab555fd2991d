using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Identity;

/// <summary>
/// How Identity finds accounts by name and email: through <see cref="EmailAddresses.LookupKey"/>, the same definition
/// of "the same address" the rest of the portal uses. Identity's default upper-cases with Unicode case mapping, which
/// folds ſ onto S and ı onto I, so proving one address could open another's account.
/// </summary>
public sealed class PortalLookupNormalizer : ILookupNormalizer
{
    public string? NormalizeName(string? name) => EmailAddresses.LookupKey(name);

    public string? NormalizeEmail(string? email) => EmailAddresses.LookupKey(email);
}

/// <summary>Keeps the lookup keys Identity stored with each account in step with <see cref="PortalLookupNormalizer"/>.</summary>
public static partial class AccountLookupKeys
{
    /// <summary>
    /// Rewrites keys stored under an earlier definition (Identity's Unicode upper-casing); the number of accounts changed.
    /// An account whose new key another account already has keeps its old key, and is logged by id.
    /// </summary>
    public static async Task<int> RefreshAsync(PortalDbContext db, ILogger logger, CancellationToken cancellationToken = default)
    {
        var accounts = await db.Users.AsNoTracking()
            .Select(u => new { u.Id, u.UserName, u.Email, u.NormalizedUserName, u.NormalizedEmail })
            .ToListAsync(cancellationToken);
        var changed = 0;
        foreach (var account in accounts)
        {
            var name = EmailAddresses.LookupKey(account.UserName);
            var email = EmailAddresses.LookupKey(account.Email);
            if (name == account.NormalizedUserName && email == account.NormalizedEmail)
            {
                continue;
            }

            try
            {
                changed += await db.Users.Where(u => u.Id == account.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.NormalizedUserName, name).SetProperty(u => u.NormalizedEmail, email), cancellationToken);
            }
            catch (System.Data.Common.DbException)
            {
                LogKeyTaken(logger, account.Id);
            }
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {UserId} keeps its old lookup key: another account has the same address in canonical form.")]
    private static partial void LogKeyTaken(ILogger logger, string userId);
}
