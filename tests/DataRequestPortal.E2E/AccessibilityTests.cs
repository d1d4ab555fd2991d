using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.E2E.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E;

/// <summary>
/// axe-core, in Chromium, on every kind of page staff and subjects use, in the light and the dark theme: no serious or
/// critical WCAG 2.1 A/AA violation anywhere.
/// </summary>
public class AccessibilityTests : PortalSession
{
    private const string Subject = "sam.subject@example.com";

    private static readonly AxeRunOptions WcagAa = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    };

    protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
    {
        ["Seed:DemoRequests"] = "true",
        ["Review:Required:Staff"] = "true",
        ["Collection:PollSeconds"] = "1",
    };

    [Theory]
    [InlineData(ColorScheme.Light, 1366)]
    [InlineData(ColorScheme.Dark, 1366)]
    [InlineData(ColorScheme.Light, 390)]
    public async Task StaffPages_HaveNoSeriousOrCriticalViolations(ColorScheme scheme, int width)
    {
        var page = await NewBrowserPageAsync(new ViewportSize { Width = width, Height = 860 }, scheme);
        var failures = new StringBuilder();

        await page.GotoAsync("/Account/Login");
        await CheckAsync(page, "sign-in", scheme, width, failures);

        var (email, password) = PortalProcess.DevelopmentAdmin();
        await SignInAsync(page, email, password);
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();

        long id;
        await using (var db = Portal.CreateDbContext())
        {
            id = await db.DataRequests.Where(r => r.State == RequestState.Completed).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        }

        foreach (var path in new[] { "/", "/requests", $"/requests/{id}", "/audit", "/reports", "/admin/staff", "/admin/tokens", "/admin/sources" })
        {
            await page.GotoAsync(path);
            await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
            await CheckAsync(page, path == $"/requests/{id}" ? "/request" : path, scheme, width, failures);
        }

        // The account's reminders page is a plain form, never live.
        await page.GotoAsync("/Account/Manage/Reminders");
        await CheckAsync(page, "/reminders", scheme, width, failures);

        // The review page, with Jane Doe's demo mails and their hints.
        await page.GotoAsync("/requests");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "File a request" }).ClickAsync();
        await page.GetByLabel("Email address").FillAsync("jane.doe@example.com");
        await page.GetByLabel("How the subject's identity was verified").FillAsync("Replied from the address on file");
        await page.GetByRole(AriaRole.Button, new() { Name = "File request" }).ClickAsync();
        string? filedLink;
        try
        {
            filedLink = await page.Locator("[data-testid=filed-link]").TextContentAsync();
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"The filed message never showed.\n{Portal.Log}", ex);
        }

        var filed = long.Parse(filedLink!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await Portal.WaitForRequestAsync(filed, r => r.State == RequestState.InReview);
        await page.GotoAsync($"/requests/{filed}/review");
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await Expect(page.Locator("[data-testid=review-categories]")).ToContainTextAsync("tom.berg@example.org");
        await CheckAsync(page, "/review", scheme, width, failures);

        Assert.True(failures.Length == 0, failures.ToString());
    }

    [Theory]
    [InlineData(ColorScheme.Light, 1366)]
    [InlineData(ColorScheme.Dark, 1366)]
    [InlineData(ColorScheme.Dark, 390)]
    public async Task SubjectPages_HaveNoSeriousOrCriticalViolations(ColorScheme scheme, int width)
    {
        var page = await NewBrowserPageAsync(new ViewportSize { Width = width, Height = 860 }, scheme);
        var failures = new StringBuilder();

        await page.GotoAsync("/my-data");
        await CheckAsync(page, "/my-data", scheme, width, failures);
        await CheckLanguagesFitAsync(page, "/my-data", width, failures);

        var mail = await SubjectPages.AskForCodeAsync(Portal, page, Subject);
        await CheckAsync(page, "/my-data/verify", scheme, width, failures);
        await CheckLanguagesFitAsync(page, "/my-data/verify", width, failures);

        var id = await SubjectPages.EnterCodeAsync(page, mail);
        await Portal.WaitForRequestAsync(id, r => r.State == RequestState.Completed);
        await Expect(page.Locator($"[data-testid=subject-request-{id}] [data-testid=subject-download-json]")).ToBeVisibleAsync();
        await Expect(page.Locator("[data-interactive=true]")).ToBeAttachedAsync();
        await CheckAsync(page, "/my-data/requests", scheme, width, failures);
        await CheckLanguagesFitAsync(page, "/my-data/requests", width, failures);

        Assert.True(failures.Length == 0, failures.ToString());
    }

    /// <summary>
    /// Every language of the switcher is on the screen, whole, and above the page's heading: on a phone the bar's
    /// languages once ran off its top and over the heading.
    /// </summary>
    private static async Task CheckLanguagesFitAsync(IPage page, string name, int width, StringBuilder failures)
    {
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
                const heading = document.querySelector('h1').getBoundingClientRect();
                return [...document.querySelectorAll('[data-testid^=language-]')].flatMap(button => {
                    const box = button.getBoundingClientRect();
                    const inView = box.top >= 0 && box.left >= 0 && box.right <= window.innerWidth;
                    const aboveHeading = box.bottom <= heading.top;
                    return inView && aboveHeading ? [] : [`${button.textContent.trim()} at ${Math.round(box.left)},${Math.round(box.top)}-${Math.round(box.right)},${Math.round(box.bottom)}; heading starts at ${Math.round(heading.top)}`];
                });
            }
            """);
        foreach (var problem in problems)
        {
            failures.AppendLine($"{name} ({width} px): language {problem}");
        }
    }

    /// <summary>Runs axe on the page as it is and writes each serious or critical violation, with the elements it names.</summary>
    private static async Task CheckAsync(IPage page, string name, ColorScheme scheme, int width, StringBuilder failures)
    {
        // The live page takes over the head once connected; axe reads the page as a visitor finds it after that.
        await page.WaitForFunctionAsync("() => document.title.trim().length > 0", null, new() { Timeout = Patience });
        await Browser.ScreenshotAsync(page, $"a11y-{scheme.ToString().ToLowerInvariant()}-{width}-{Slug(name)}");
        var result = await page.RunAxe(WcagAa);
        foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            failures.AppendLine($"{name} ({scheme}, {width} px): {violation.Id} [{violation.Impact}] {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                failures.AppendLine($"    {string.Join(" ", node.Target)}: {string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Distinct())}");
            }
        }
    }

    private static string Slug(string name) => name.Trim('/').Replace('/', '-') is { Length: > 0 } slug ? slug : "overview";
}
