using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace DataRequestPortal.Core.Identity;

/// <summary>The <c>Seed</c> configuration section: the first admin account, and whether to add demo data.</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    public string? AdminEmail { get; set; }

    public string? AdminPassword { get; set; }

    /// <summary>Whether an empty platform store is filled with demo data at start-up (development).</summary>
    public bool DemoData { get; set; }

    /// <summary>Whether a portal without requests gets twelve weeks of demo requests at start-up (development).</summary>
    public bool DemoRequests { get; set; }
}

/// <summary>Creates the staff roles and, on an empty portal, the first admin from <see cref="SeedOptions"/>.</summary>
public sealed partial class StaffSeed(
    RoleManager<IdentityRole> roles,
    UserManager<PortalUser> users,
    TimeProvider time,
    ILogger<StaffSeed> logger)
{
    public async Task RunAsync(SeedOptions options, CancellationToken cancellationToken = default)
    {
        foreach (var role in PortalRoles.Staff.Append(PortalRoles.Subject))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!await roles.RoleExistsAsync(role))
            {
                ThrowIfFailed(await roles.CreateAsync(new IdentityRole(role)), $"create the {role} role");
            }
        }

        if (string.IsNullOrWhiteSpace(options.AdminEmail))
        {
            if ((await users.GetUsersInRoleAsync(PortalRoles.Admin)).Count == 0)
            {
                LogNoAdmin(logger);
            }

            return;
        }

        var email = EmailAddresses.TryCanonicalize(options.AdminEmail, out var address, out var problem)
            ? address
            : throw new InvalidOperationException($"Seed:AdminEmail: {problem}");

        // An existing account is left alone: its password may have been changed since.
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        if (string.IsNullOrEmpty(options.AdminPassword))
        {
            LogNoPassword(logger, email);
            return;
        }

        var admin = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = time.GetUtcNow(),
        };
        ThrowIfFailed(await users.CreateAsync(admin, options.AdminPassword), $"create the admin account {email}");
        ThrowIfFailed(await users.AddToRoleAsync(admin, PortalRoles.Admin), $"make {email} an admin");
        LogAdminCreated(logger, email);
    }

    private static void ThrowIfFailed(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Could not {what}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the first admin account {Email} from Seed:AdminEmail.")]
    private static partial void LogAdminCreated(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Seed:AdminEmail is {Email} but Seed:AdminPassword is empty; no admin account was created.")]
    private static partial void LogNoPassword(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No admin account exists and Seed:AdminEmail is not set: nobody can manage this portal.")]
    private static partial void LogNoAdmin(ILogger logger);
}
