using System.Data;
using System.Security.Cryptography;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Core.Identity;

/// <summary>A change to staff accounts that the rules do not allow; the message is meant for the administrator.</summary>
public sealed class StaffAccountException(string message) : InvalidOperationException(message);

/// <summary>A new account and the password it was given, which exists only here, to be shown once.</summary>
public sealed record CreatedStaffAccount(string Id, string Email, string Role, string InitialPassword);

/// <summary>
/// What administrators do to staff accounts: create, change role, disable, enable, reset the password. Every change
/// is recorded in the audit log, and the portal always keeps at least one enabled admin: the last one cannot be
/// demoted or disabled, not even by themselves.
/// </summary>
/// <remarks>
/// Passwords are generated, never chosen by the administrator: the new colleague gets a strong password nobody
/// reused, shown once to the admin to hand over, and changes it under "Change password". Each change runs in a scope
/// of its own, so no Identity context outlives it, and in a serialisable transaction, so two admins demoting each
/// other at the same moment cannot both succeed.
/// </remarks>
public sealed class StaffAccounts(IServiceScopeFactory scopes, AuditLog audit, TimeProvider time)
{
    public const int GeneratedPasswordLength = 20;

    public const string LastAdminMessage =
        "This is the last enabled admin account; make another account an admin first, so someone can still manage the portal.";

    // No look-alikes (0/O, 1/l/I), so a password read aloud or from a screen is typed right the first time.
    private const string Letters = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";

    /// <summary>Why <paramref name="name"/> cannot be an account's name, or null when it can.</summary>
    public static string? NameProblem(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "Enter the person's name."
        : name.Trim().Length > PortalUser.MaxDisplayNameLength ? $"A name can be at most {PortalUser.MaxDisplayNameLength} characters."
        : null;

    /// <summary>Why <paramref name="email"/> cannot be a sign-in address, or null when it can.</summary>
    public static string? EmailProblem(string? email) =>
        string.IsNullOrWhiteSpace(email) ? "Enter the email address the person signs in with."
        : EmailAddresses.TryCanonicalize(email, out _, out var problem) ? null
        : problem;

    public async Task<CreatedStaffAccount> CreateAsync(string name, string email, string role, Actor actor, CancellationToken cancellationToken = default)
    {
        var problem = NameProblem(name) ?? EmailProblem(email) ?? RoleProblem(role);
        if (problem is not null)
        {
            throw new StaffAccountException(problem);
        }

        var address = Subject.Create(SubjectType.Email, email).Identifier;
        var password = GeneratePassword();
        var created = await ChangeAsync(async users =>
        {
            var existing = await users.FindByEmailAsync(address) ?? await users.FindByNameAsync(address);
            if (existing is not null && !(await users.GetRolesAsync(existing)).SequenceEqual([PortalRoles.Subject]))
            {
                throw new StaffAccountException($"There is already an account for {address}.");
            }

            if (existing is not null)
            {
                // Only a data subject's sign-in (no password, no role but Subject); their requests are kept by address.
                Succeed(await users.DeleteAsync(existing));
            }

            var user = new PortalUser
            {
                UserName = address,
                Email = address,
                EmailConfirmed = true,
                DisplayName = name.Trim(),
                CreatedAt = time.GetUtcNow(),
                LockoutEnabled = true,
            };
            Succeed(await users.CreateAsync(user, password));
            Succeed(await users.AddToRoleAsync(user, role));
            return user;
        }, cancellationToken);

        await audit.RecordAsync(actor, AuditAction.AccountCreated, target: address, detail: $"{name.Trim()}, role {role}", cancellationToken: cancellationToken);
        return new CreatedStaffAccount(created.Id, address, role, password);
    }

    public async Task ChangeRoleAsync(string userId, string role, Actor actor, CancellationToken cancellationToken = default)
    {
        if (RoleProblem(role) is { } problem)
        {
            throw new StaffAccountException(problem);
        }

        var (email, from) = await ChangeAsync(async users =>
        {
            var user = await FindAsync(users, userId);
            var current = await StaffRoleAsync(users, user);
            if (current == role)
            {
                return (user.Email!, current);
            }

            if (current == PortalRoles.Admin)
            {
                await RefuseLastAdminAsync(users, user);
            }

            if (current is not null)
            {
                Succeed(await users.RemoveFromRoleAsync(user, current));
            }

            Succeed(await users.AddToRoleAsync(user, role));

            // Open sessions carry the old role; a new stamp makes them sign in again.
            Succeed(await users.UpdateSecurityStampAsync(user));
            return (user.Email!, current);
        }, cancellationToken);

        if (from != role)
        {
            await audit.RecordAsync(actor, AuditAction.AccountRoleChanged, target: email, detail: $"{from ?? "no role"} → {role}", cancellationToken: cancellationToken);
        }
    }

    /// <summary>The account can no longer sign in, and its open sessions end.</summary>
    public async Task DisableAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        var email = await ChangeAsync(async users =>
        {
            var user = await FindAsync(users, userId);
            if (user.IsDisabled)
            {
                return null;
            }

            if (await StaffRoleAsync(users, user) == PortalRoles.Admin)
            {
                await RefuseLastAdminAsync(users, user);
            }

            Succeed(await users.SetLockoutEnabledAsync(user, true));
            Succeed(await users.SetLockoutEndDateAsync(user, PortalUser.DisabledUntil));
            Succeed(await users.UpdateSecurityStampAsync(user));
            return user.Email;
        }, cancellationToken);

        if (email is not null)
        {
            await audit.RecordAsync(actor, AuditAction.AccountDisabled, target: email, cancellationToken: cancellationToken);
        }
    }

    public async Task EnableAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        var email = await ChangeAsync(async users =>
        {
            var user = await FindAsync(users, userId);
            if (!user.IsDisabled)
            {
                return null;
            }

            Succeed(await users.SetLockoutEndDateAsync(user, null));
            Succeed(await users.ResetAccessFailedCountAsync(user));
            return user.Email;
        }, cancellationToken);

        if (email is not null)
        {
            await audit.RecordAsync(actor, AuditAction.AccountEnabled, target: email, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Gives the account a new generated password, returned to be shown once; its open sessions end.</summary>
    public async Task<string> ResetPasswordAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        var password = GeneratePassword();
        var email = await ChangeAsync(async users =>
        {
            var user = await FindAsync(users, userId);
            if (await users.HasPasswordAsync(user))
            {
                Succeed(await users.RemovePasswordAsync(user));
            }

            Succeed(await users.AddPasswordAsync(user, password));

            // A temporary lock from wrong guesses ends with the new password; a disabled account stays disabled.
            if (!user.IsDisabled)
            {
                Succeed(await users.SetLockoutEndDateAsync(user, null));
                Succeed(await users.ResetAccessFailedCountAsync(user));
            }

            return user.Email!;
        }, cancellationToken);

        await audit.RecordAsync(actor, AuditAction.PasswordReset, target: email, detail: "a new password was generated", cancellationToken: cancellationToken);
        return password;
    }

    /// <summary>Whether the account is, right now, an enabled admin: the database's word, not a session's claims.</summary>
    public async Task<bool> IsEnabledAdminAsync(string? userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(userId))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await users.FindByIdAsync(userId);
        return user is { IsDisabled: false } && await users.IsInRoleAsync(user, PortalRoles.Admin);
    }

    /// <summary>A password of <see cref="GeneratedPasswordLength"/> characters in groups of five, with upper and lower case, digits and dashes.</summary>
    public static string GeneratePassword()
    {
        const string alphabet = Letters + Digits;
        while (true)
        {
            var chars = new char[GeneratedPasswordLength + (GeneratedPasswordLength / 5) - 1];
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = i % 6 == 5 ? '-' : alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
            }

            var password = new string(chars);
            if (password.Any(char.IsUpper) && password.Any(char.IsLower) && password.Any(char.IsDigit))
            {
                return password;
            }
        }
    }

    private static string? RoleProblem(string? role) =>
        PortalRoles.IsStaffRole(role) ? null : $"Choose a role: {string.Join(", ", PortalRoles.Staff)}.";

    // Through the provider's execution strategy (SQL Server retries transient faults), each attempt in a fresh scope.
    private async Task<T> ChangeAsync<T>(Func<UserManager<PortalUser>, Task<T>> change, CancellationToken cancellationToken)
    {
        await using var outer = scopes.CreateAsyncScope();
        var strategy = outer.ServiceProvider.GetRequiredService<PortalDbContext>().Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            var result = await change(users);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });
    }

    private static async Task<PortalUser> FindAsync(UserManager<PortalUser> users, string userId) =>
        await users.FindByIdAsync(userId) ?? throw new StaffAccountException("That account no longer exists.");

    private static async Task<string?> StaffRoleAsync(UserManager<PortalUser> users, PortalUser user) =>
        (await users.GetRolesAsync(user)).FirstOrDefault(PortalRoles.IsStaffRole);

    private static async Task RefuseLastAdminAsync(UserManager<PortalUser> users, PortalUser leaving)
    {
        var admins = await users.GetUsersInRoleAsync(PortalRoles.Admin);
        if (!admins.Any(admin => admin.Id != leaving.Id && !admin.IsDisabled))
        {
            throw new StaffAccountException(LastAdminMessage);
        }
    }

    private static void Succeed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new StaffAccountException(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
