using DataRequestPortal.Core;
using Microsoft.AspNetCore.DataProtection;

namespace DataRequestPortal.Web.Hosting;

public static class DataProtectionSettings
{
    public const string DefaultKeysPath = "App_Data/keys";

    /// <summary>
    /// Sign-in cookies and form tokens are protected with keys kept on disk (<c>DataProtection:KeysPath</c>),
    /// so a restart or a new container does not sign everybody out. Several processes must share the folder.
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var configured = configuration["DataProtection:KeysPath"];
        var path = Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(configured) ? DefaultKeysPath : configured));
        PrivateFiles.CreateFolder(path);
        services.AddDataProtection()
            .SetApplicationName("DataRequestPortal")
            .PersistKeysToFileSystem(new DirectoryInfo(path));
        return services;
    }
}
