using System.Globalization;
using System.Text.RegularExpressions;
using DataRequestPortal.Core.Notices;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace DataRequestPortal.E2E.TestSupport;

/// <summary>What a data subject does to get in: ask for a code at <c>/my-data</c> and type it.</summary>
public static partial class SubjectPages
{
    /// <summary>Enters the address on <c>/my-data</c> (or its sign-in-only variant) and returns the code mail the portal wrote.</summary>
    public static async Task<CodeMail> AskForCodeAsync(PortalProcess portal, IPage page, string address, bool viewOnly = false)
    {
        await page.GotoAsync(viewOnly ? "/my-data?then=requests" : "/my-data");
        await page.Locator("#email").FillAsync(address);
        await page.GetByRole(AriaRole.Button, new() { Name = viewOnly ? SubjectTexts.SendViewCodeButton : SubjectTexts.SendCodeButton, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/my-data/verify$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = SubjectTexts.VerifyTitle, Exact = true })).ToBeVisibleAsync();
        return await portal.ReadCodeMailAsync(address);
    }

    /// <summary>Types the mailed code; returns the id of the request it filed.</summary>
    public static async Task<long> EnterCodeAsync(IPage page, CodeMail mail)
    {
        await page.Locator("#code").FillAsync(mail.Code);
        await page.GetByRole(AriaRole.Button, new() { Name = SubjectTexts.VerifyButton, Exact = true }).ClickAsync();
        await page.WaitForURLAsync(FiledUrl());
        return long.Parse(FiledUrl().Match(page.Url).Groups["id"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"/my-data/requests\?filed=(?<id>\d+)$")]
    private static partial Regex FiledUrl();
}
