using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace DataRequestPortal.Web.Hosting;

public static class EnvironmentSettings
{
    /// <summary>
    /// The environment's settings file (appsettings.Development.json) is kept at the top of the repository and
    /// copied next to the app when it is built. When the content root has no copy of its own, the built copy
    /// is read in the same place of the configuration order, so environment variables still override it.
    /// </summary>
    public static WebApplicationBuilder AddBuiltEnvironmentSettings(this WebApplicationBuilder builder)
    {
        var fileName = $"appsettings.{builder.Environment.EnvironmentName}.json";
        var builtCopy = Path.Combine(AppContext.BaseDirectory, fileName);
        if (File.Exists(Path.Combine(builder.Environment.ContentRootPath, fileName)) || !File.Exists(builtCopy))
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var position = sources.Select((source, index) => (source, index))
            .Where(x => x.source is JsonConfigurationSource json && json.Path == fileName)
            .Select(x => x.index + 1)
            .DefaultIfEmpty(sources.Count)
            .First();
        sources.Insert(position, new JsonConfigurationSource
        {
            Path = fileName,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = true,
            ReloadOnChange = false,
        });
        return builder;
    }
}
