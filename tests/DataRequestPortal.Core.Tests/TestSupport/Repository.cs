namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>The checkout the tests run from.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "DataRequestPortal.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests are not running inside the repository.");
    }
}
