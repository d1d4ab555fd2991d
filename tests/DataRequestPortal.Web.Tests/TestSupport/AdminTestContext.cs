using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Components.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;

namespace DataRequestPortal.Web.Tests.TestSupport;

/// <summary>
/// A bUnit context for the administration pages: a real portal database with Identity, the seeded admin signed
/// in (so the server-side admin check finds the account), and the dialog provider rendered.
/// </summary>
public abstract class AdminTestContext : PortalTestContext
{
    public const string AdminEmail = "admin@example.org";

    protected TestDatabase Database { get; private set; } = default!;

    protected FakeTimeProvider Time { get; } = new(DateTimeOffset.Parse("2026-11-24T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    protected string AdminId { get; private set; } = "";

    protected IRenderedComponent<MudDialogProvider> DialogProvider { get; private set; } = default!;

    public override async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var clock = new ComplianceClock(Time, TimeZoneInfo.Utc);
        IdentityServices.Add(Services, Database);
        Services.AddSingleton<TimeProvider>(Time);
        Services.AddSingleton(clock);
        Services.AddSingleton<IDbContextFactory<PortalDbContext>>(Database);
        Services.AddSingleton<AuditLog>();
        Services.AddSingleton<StaffDirectory>();
        Services.AddSingleton<StaffAccounts>();
        Services.AddSingleton<DigestLog>();
        Services.AddSingleton(new ApiTokens(Database, Time));
        Services.AddScoped<AdminConfirmation>();
        AddPageServices();

        await using (var scope = Services.GetRequiredService<IServiceScopeFactory>().CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<StaffSeed>().RunAsync(new SeedOptions { AdminEmail = AdminEmail, AdminPassword = "Correct-Horse-42" });
            AdminId = (await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(AdminEmail))!.Id;
        }

        SignInAs(PortalRoles.Admin, AdminEmail, "Administrator", AdminId);
        DialogProvider = Render<MudDialogProvider>();
    }

    /// <summary>Services a page under test needs besides these; added before any is used.</summary>
    protected virtual void AddPageServices()
    {
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected StaffAccounts Accounts => Services.GetRequiredService<StaffAccounts>();

    protected async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = Database.CreateDbContext();
        return await db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    protected Task ClickAsync(IRenderedComponent<MudDialogProvider> dialogs, string testId) =>
        dialogs.InvokeAsync(() => dialogs.Find($"[data-testid={testId}]").Click());
}
