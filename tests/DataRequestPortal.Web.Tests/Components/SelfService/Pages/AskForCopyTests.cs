using DataRequestPortal.Web.Components.SelfService.Pages;
using DataRequestPortal.Web.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.Components.SelfService.Pages;

public class AskForCopyTests : PortalTestContext
{
    [Fact]
    public async Task AskForACopy_FilesOnlyOnceConfirmed_AndCanBeCalledOff()
    {
        var asked = 0;
        var card = Render<AskForCopy>(p => p
            .Add(x => x.Lead, "You can ask for a copy of your data at any time.")
            .Add(x => x.OnAsk, () => asked++));

        await card.InvokeAsync(() => card.Find("[data-testid=subject-ask]").Click());
        Assert.Contains("Ask for a copy now?", card.Find("[data-testid=subject-ask-confirm-text]").TextContent);
        await card.InvokeAsync(() => card.Find("[data-testid=subject-ask-cancel]").Click());
        Assert.Equal(0, asked);

        await card.InvokeAsync(() => card.Find("[data-testid=subject-ask]").Click());
        await card.InvokeAsync(() => card.Find("[data-testid=subject-ask-confirm]").Click());

        Assert.Equal(1, asked);
        Assert.Empty(card.FindAll("[data-testid=subject-ask-confirm]"));
    }
}
