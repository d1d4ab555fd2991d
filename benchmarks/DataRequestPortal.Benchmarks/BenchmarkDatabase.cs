using System.Diagnostics;
using System.Globalization;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Sources.Platform.Demo;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Benchmarks;

/// <summary>
/// The SQLite file the benchmarks read: one given with <c>--database</c>, or a large demo set kept in the temp
/// folder per size, generated on first use. A set is written under a temporary name and renamed when complete, so
/// an interrupted run never leaves a half-filled set behind that looks finished.
/// </summary>
public sealed class BenchmarkDatabase : IDbContextFactory<PortalDbContext>
{
    public const string PathVariable = "PORTAL_BENCHMARK_DATABASE";

    private readonly DbContextOptions<PortalDbContext> options;

    public BenchmarkDatabase(string path)
    {
        Path = path;
        var connection = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly }.ToString();
        options = PortalDatabase.Options(DatabaseProvider.Sqlite, connection);
    }

    public string Path { get; }

    public static string DefaultPath(DemoSetSize size) => System.IO.Path.Combine(
        System.IO.Path.GetTempPath(),
        "DataRequestPortal.Benchmarks",
        string.Create(CultureInfo.InvariantCulture, $"platform-{size.Profiles}-{size.Messages}-{size.Events}.db"));

    /// <summary>The database at <paramref name="path"/> when it exists; otherwise the set of this size, generated if missing.</summary>
    public static async Task<BenchmarkDatabase> OpenOrCreateAsync(string? path, DemoSetSize size, TextWriter log)
    {
        if (path is not null)
        {
            return File.Exists(path) ? new BenchmarkDatabase(path) : throw new FileNotFoundException($"No database at {path}.", path);
        }

        path = DefaultPath(size);
        if (File.Exists(path))
        {
            return new BenchmarkDatabase(path);
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        File.Delete(partial);
        await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generating {size.Profiles:N0} profiles, {size.Messages:N0} mails and {size.Events:N0} events into {path} (once) ..."));
        var clock = Stopwatch.StartNew();
        var connection = new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString();
        await using (var db = new PortalDbContext(PortalDatabase.Options(DatabaseProvider.Sqlite, connection)))
        {
            await db.Database.MigrateAsync();
            var written = await PlatformDemoSeed.WriteLargeSetAsync(
                db,
                size,
                TimeProvider.System,
                counts => log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {counts.Events,13:N0} events  {clock.Elapsed.TotalSeconds,5:0} s")),
                CancellationToken.None);
            await log.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Generated in {clock.Elapsed.TotalSeconds:0} s: {written.Counts.Total:N0} rows; benchmark subjects {string.Join(", ", written.Subjects.Select(s => s.Email))}."));
        }

        File.Move(partial, path);
        return new BenchmarkDatabase(path);
    }

    public PortalDbContext CreateDbContext() => new(options);
}
