using System.Net;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Hosting;

public class DataProtectionSettingsTests
{
    [Fact]
    public async Task DatabaseStore_TwoProcessesSharingTheDatabase_AcceptEachOthersSignInAndProtectedData()
    {
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        first.Settings["DataProtection:Store"] = "Database";
        second.Settings["DataProtection:Store"] = "Database";
        // The same database; each process keeps its own (unused) keys folder, as on separate machines.
        second.Settings["ConnectionStrings:Portal"] = $"Data Source={first.DatabasePath}";
        _ = first.Services;

        var (signedIn, cookies) = first.CreateBrowserWithCookies();
        await first.CreateStaffAsync("officer@test.example", "Officer-Pass-123", PortalRoles.Officer);
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(signedIn, "officer@test.example", "Officer-Pass-123")));

        var elsewhere = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        elsewhere.DefaultRequestHeaders.Add("Cookie", cookies.GetCookieHeader(first.Server.BaseAddress));
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/requests")).StatusCode);

        var firstProtector = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var secondProtector = second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("from the second", firstProtector.Unprotect(secondProtector.Protect("from the second")));
        Assert.Equal("from the first", secondProtector.Unprotect(firstProtector.Protect("from the first")));
    }

    [Fact]
    public async Task UnknownStore_StopsTheStart_SayingWhatItMayBe()
    {
        await using var portal = new PortalFactory();
        portal.Settings["DataProtection:Store"] = "Redis";

        var refused = Assert.Throws<InvalidOperationException>(() => portal.Services);

        Assert.Contains("File (the default) or Database", refused.Message, StringComparison.Ordinal);
    }
}
