using DataRequestPortal.Core;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Web.Api;
using DataRequestPortal.Web.Components;
using DataRequestPortal.Web.Components.Account;
using DataRequestPortal.Web.Components.SelfService;
using DataRequestPortal.Web.Hosting;
using DataRequestPortal.Web.Live;
using DataRequestPortal.Web.Operations;
using DataRequestPortal.Web.Staff;
using DataRequestPortal.Web.Subjects;
using MudBlazor.Services;

FileCreationMask.RestrictToOwner();
var builder = WebApplication.CreateBuilder(args).AddBuiltEnvironmentSettings();

builder.Services.AddPortalCore(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalDataProtection(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddPortalIdentity();
builder.Services.AddPortalStaffPages();
builder.Services.AddPortalSelfServicePages();
builder.Services.AddPortalSubjectLocalization();
builder.Services.AddPortalHealthChecks();
builder.Services.AddPortalLiveUpdates(builder.Configuration);
builder.Services.AddPortalApi(builder.Configuration);
builder.Services.AddDataRequestApiDocumentation();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices(mud => mud.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight);

var app = builder.Build();
if (OperatorCommands.IsCommand(args))
{
    return await OperatorCommands.RunAsync(app.Services, args, Console.Out, Console.Error);
}

app.UseForwardedHeaders();
app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseApiCallRules();
app.UseAuthentication();
app.UseSubjectLocalization();
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();

// A worker-only process (Portal:Roles=worker) answers its health check and nothing else.
if (app.Services.GetRequiredService<ProcessRoles>().Web)
{
    app.MapStaticAssets().AllowAnonymous();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode(StaffPagesServiceCollectionExtensions.ConfigureCircuits);
    app.MapPortalLiveUpdates();
    app.MapPublicApi();
    app.MapStaffEndpoints();
    app.MapSubjectEndpoints();
}

app.MapOperations();

await app.Services.InitializePortalDatabaseAsync();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the HTTP tests' WebApplicationFactory.</summary>
public partial class Program;
