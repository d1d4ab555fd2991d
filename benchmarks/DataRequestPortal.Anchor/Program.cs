using DataRequestPortal.Anchor;
using DataRequestPortal.Anchor.Components;

// The same hosting as the portal (Kestrel, interactive server rendering, SignalR) with nothing of the portal on it.
var builder = WebApplication.CreateBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddSignalR();

var app = builder.Build();
app.UseAntiforgery();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapHub<EchoHub>(EchoHub.Path);
app.MapGet("/health", () => "Healthy");
await app.RunAsync();
