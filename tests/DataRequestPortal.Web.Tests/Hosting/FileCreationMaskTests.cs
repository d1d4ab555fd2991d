using System.Net;
using DataRequestPortal.Core;
using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Web.Tests.TestSupport;

namespace DataRequestPortal.Web.Tests.Hosting;

/// <summary>What the portal writes to disk holds secrets and personal data: on Unix, other users of the machine read none of it.</summary>
public class FileCreationMaskTests
{
    private const UnixFileMode OthersAndGroup = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Fact]
    public async Task ThePortalsFilesAndFolders_AreForItsOwnUserOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using var portal = new PortalFactory();
        var database = Path.Combine(portal.DataDirectory, "db", "portal.db");
        portal.Settings["ConnectionStrings:Portal"] = $"Data Source={database}";
        var results = Path.Combine(portal.DataDirectory, "results");
        var keys = Path.Combine(portal.DataDirectory, "keys");
        var mail = Path.Combine(portal.DataDirectory, "mail");

        // A sign-in code: an antiforgery key, the link key that hashes the code, and a mail in the pickup folder.
        await SubjectSignInCalls.RequestCodeAsync(portal.CreateBrowserLikeClient(), "jane.doe@example.com");
        await portal.WaitForMailAsync("jane.doe@example.com", _ => true);

        // A completed request with its PDF report.
        var token = await portal.IssueTokenAsync();
        var client = portal.CreateApiClient(token.PlainText);
        var id = ApiCalls.CreatedId(await client.PostAsync("/v1/datarequest", ApiCalls.Form(("email", "jane.doe@example.com"))));
        await ApiCalls.WaitForStatusAsync(client, id);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/v1/datarequest/{id}/pdf")).StatusCode);

        var files = new List<string>
        {
            database,
            Path.Combine(results, PortalKey.FileName),
            Path.Combine(results, $"{id}.json"),
            Path.Combine(results, $"{id}.pdf"),
        };
        files.AddRange(Directory.GetFiles(keys, "*.xml"));
        files.AddRange(Directory.GetFiles(mail, "*.eml"));
        files.AddRange(Directory.GetFiles(Path.GetDirectoryName(database)!, "portal.db-*"));
        Assert.Contains(files, f => f.StartsWith(keys, StringComparison.Ordinal));
        Assert.Contains(files, f => f.StartsWith(mail, StringComparison.Ordinal));
        foreach (var file in files)
        {
            Assert.True(File.Exists(file), $"{file} is missing");
            Assert.Equal((file, (UnixFileMode)0), (file, File.GetUnixFileMode(file) & OthersAndGroup));
        }

        foreach (var folder in new[] { Path.GetDirectoryName(database)!, results, Path.Combine(results, "work"), keys, mail })
        {
            if (Directory.Exists(folder))
            {
                Assert.Equal((folder, (UnixFileMode)0), (folder, File.GetUnixFileMode(folder) & OthersAndGroup));
            }
        }

        Assert.True(Directory.Exists(mail) && Directory.Exists(keys) && Directory.Exists(results));
    }
}
