using System.Diagnostics;
using System.Globalization;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Sources.Platform;
using DataRequestPortal.Core.Sources.Platform.Demo;
using DataRequestPortal.Web.Api;
using Microsoft.EntityFrameworkCore;

namespace DataRequestPortal.Web.Hosting;

/// <summary>
/// Commands an operator runs on the built app instead of the web server:
/// <c>dotnet DataRequestPortal.Web.dll &lt;command&gt; [options]</c>. A command prints what it does and ends with an
/// exit code: 0 done, 1 failed, 2 not understood (the usage is printed).
/// </summary>
public static class OperatorCommands
{
    public const int Done = 0;
    public const int Failed = 1;
    public const int NotUnderstood = 2;

    private static readonly Dictionary<string, OperatorCommand> Commands = new(StringComparer.Ordinal)
    {
        ["seed-demo"] = new(DemoSetSize.Usage, SeedDemoAsync),
        [CreateTokenCommand.Name] = new(CreateTokenCommand.Usage, (services, args, output, error, _) => CreateTokenCommand.RunAsync(services, [.. args], output, error)),
    };

    /// <summary>
    /// Whether the first argument names a command. Options (<c>--urls</c>) and settings (<c>Key=value</c>) are the
    /// web server's, so anything else there is a command, known or not.
    /// </summary>
    public static bool IsCommand(IReadOnlyList<string> args) =>
        args.Count > 0 && !args[0].StartsWith('-') && !args[0].StartsWith('/') && !args[0].Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!Commands.TryGetValue(args[0], out var command))
        {
            await error.WriteLineAsync($"Unknown command '{args[0]}'. Commands: {string.Join(", ", Commands.Keys)}.");
            foreach (var usage in Commands.Values.Select(c => c.Usage))
            {
                await error.WriteLineAsync();
                await error.WriteLineAsync(usage);
            }

            return NotUnderstood;
        }

        using var cancellation = new CancellationTokenSource();
        void Cancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The first Ctrl+C stops the command cleanly; a transaction in progress is rolled back.
            e.Cancel = true;
            cancellation.Cancel();
        }

        Console.CancelKeyPress += Cancel;
        try
        {
            return await command.RunAsync(services, args.Skip(1).ToList(), output, error, cancellation.Token);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("Stopped.");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= Cancel;
        }
    }

    private static async Task<int> SeedDemoAsync(IServiceProvider services, IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!DemoSetSize.TryParse(args, out var size, out var problem))
        {
            await error.WriteLineAsync(problem);
            await error.WriteLineAsync();
            await error.WriteLineAsync(DemoSetSize.Usage);
            return NotUnderstood;
        }

        await services.MigratePortalDatabaseAsync(cancellationToken);
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(cancellationToken);
        if (!await PlatformDemoSeed.IsEmptyAsync(db, cancellationToken))
        {
            await error.WriteLineAsync(PlatformDemoSeed.NotEmptyMessage);
            return Failed;
        }

        var connection = db.Database.GetDbConnection();
        var target = connection is Microsoft.Data.Sqlite.SqliteConnection ? connection.DataSource : $"{connection.Database} on {connection.DataSource}";
        await output.WriteLineAsync(Invariant($"Writing {size.Profiles:N0} profiles, {size.Messages:N0} mails and {size.Events:N0} opens and clicks into {target}"));
        var clock = Stopwatch.StartNew();
        var written = await PlatformDemoSeed.WriteLargeSetAsync(
            db,
            size,
            services.GetRequiredService<TimeProvider>(),
            counts => output.WriteLine(Invariant($"  {counts.Profiles,11:N0} profiles {counts.Messages,11:N0} mails {counts.Events,13:N0} opens and clicks   {clock.Elapsed.TotalSeconds,5:0} s")),
            cancellationToken);

        var c = written.Counts;
        await output.WriteLineAsync(Invariant($"Done in {clock.Elapsed.TotalSeconds:0.0} s: {c.Profiles:N0} profiles, {c.Subprofiles:N0} subprofiles, {c.Messages:N0} mails, {c.Attachments:N0} attachments, {c.Events:N0} opens and clicks, {c.Surveys:N0} survey answers."));
        if (written.Subjects.Count == 0)
        {
            await output.WriteLineAsync("No benchmark subject fits in these totals; use at least 2000 events and 200 messages.");
            return Done;
        }

        await output.WriteLineAsync("Benchmark subjects (records over all categories of the platform store):");
        foreach (var subject in written.Subjects)
        {
            await output.WriteLineAsync(Invariant($"  {subject.Email,-28} profile {subject.ProfileId,-4} {subject.Records,9:N0} records"));
        }

        return Done;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record OperatorCommand(
        string Usage,
        Func<IServiceProvider, IReadOnlyList<string>, TextWriter, TextWriter, CancellationToken, Task<int>> RunAsync);
}
