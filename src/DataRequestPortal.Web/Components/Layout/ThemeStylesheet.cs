using System.Text;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.AspNetCore.Components.Web.HtmlRendering;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Layout;

/// <summary>
/// The portal's MudBlazor theme as one stylesheet in the page's head, made once per process: the light palette on
/// <c>:root</c>, the dark one where the theme button chose dark or the system is dark and no choice was made. No open
/// page keeps a theme provider (with its 23 KB of CSS, twice) on the server, and the theme button works in the browser.
/// </summary>
public sealed class ThemeStylesheet(IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly Lazy<Task<MarkupString>> css = new(() => BuildAsync(scopes, loggers));

    public Task<MarkupString> GetAsync() => css.Value;

    private static async Task<MarkupString> BuildAsync(IServiceScopeFactory scopes, ILoggerFactory loggers)
    {
        await using var scope = scopes.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, loggers);
        var light = await RenderAsync(renderer, dark: false);
        var dark = await RenderAsync(renderer, dark: true);

        // MudBlazor writes one custom property a line; only the palette's lines differ between the two.
        var lightLines = light.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        var darkOnly = dark.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => line.StartsWith("--", StringComparison.Ordinal))
            .Except(lightLines, StringComparer.Ordinal).ToList();
        var css = new StringBuilder(light);
        css.AppendLine("<style>");
        css.Append(":root:has(> body.theme-dark) {\n").AppendJoin('\n', darkOnly).Append("\n}\n");
        css.Append("@media (prefers-color-scheme: dark) {\n:root:not(:has(> body.theme-light)) {\n").AppendJoin('\n', darkOnly).Append("\n}\n}\n");
        css.AppendLine("</style>");
        return new MarkupString(css.ToString());
    }

    private static Task<string> RenderAsync(HtmlRenderer renderer, bool dark) => renderer.Dispatcher.InvokeAsync(async () =>
    {
        var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
        {
            [nameof(MudThemeProvider.Theme)] = PortalTheme.Theme,
            [nameof(MudThemeProvider.IsDarkMode)] = dark,
            [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
        });
        var output = await renderer.RenderComponentAsync<MudThemeProvider>(parameters);
        return output.ToHtmlString();
    });
}
