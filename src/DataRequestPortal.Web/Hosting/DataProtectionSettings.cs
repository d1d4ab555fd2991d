using DataRequestPortal.Core;
using DataRequestPortal.Core.Data;
using Microsoft.AspNetCore.DataProtection;

namespace DataRequestPortal.Web.Hosting;

public static class DataProtectionSettings
{
    public const string DefaultKeysPath = "App_Data/keys";

    /// <summary>
    /// Sign-in cookies and form tokens are protected with keys kept on disk (<c>DataProtection:KeysPath</c>) or, for
    /// several processes without a shared folder, in the portal's database (<c>DataProtection:Store</c> <c>Database</c>),
    /// so a restart or a new container does not sign everybody out.
    /// </summary>
    public static IServiceCollection AddPortalDataProtection(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("DataRequestPortal");
        var store = configuration["DataProtection:Store"];
        if (string.Equals(store, "Database", StringComparison.OrdinalIgnoreCase))
        {
            dataProtection.PersistKeysToDbContext<PortalDbContext>();
            return services;
        }

        if (!string.IsNullOrWhiteSpace(store) && !string.Equals(store, "File", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException($"DataProtection:Store is '{store}'; it is File (the default) or Database.");
        }

        var configured = configuration["DataProtection:KeysPath"];
        var path = Path.GetFullPath(Path.Combine(contentRoot, string.IsNullOrWhiteSpace(configured) ? DefaultKeysPath : configured));
        PrivateFiles.CreateFolder(path);
        dataProtection.PersistKeysToFileSystem(new DirectoryInfo(path));
        return services;
    }
}
