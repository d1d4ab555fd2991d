namespace DataRequestPortal.LoadBenchmarks;

/// <summary>The anchor app, run as the portal runs here: from its build output, with development settings (so its static assets are served from there).</summary>
public static class AnchorServer
{
    public static Task<ServerProcess> StartAsync() =>
        ServerProcess.StartAsync(
            "The anchor",
            ServerProcess.BuiltPath("AnchorDll"),
            ServerProcess.BuiltPath("AnchorProject"),
            new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
}
