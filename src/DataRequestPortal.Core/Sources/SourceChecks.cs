using System.Globalization;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Core.Requests;

namespace DataRequestPortal.Core.Sources;

/// <summary>
/// A source that can show it is reachable right now without asking about anyone: no subject's data is sent or
/// read. A check throws <see cref="DataSourceException"/> with a message safe to show (no connection strings,
/// tokens or header values) and stops when cancelled.
/// </summary>
public interface ISourceConnectionCheck
{
    /// <summary>Checks the connection; returns what answered, in a sentence for an administrator.</summary>
    Task<string> CheckConnectionAsync(CancellationToken cancellationToken);
}

/// <summary>The outcome of one connection test: whether it worked, what happened in words, and how long it took.</summary>
public sealed record SourceCheckResult(string SourceKey, bool Succeeded, string Message, TimeSpan Duration);

/// <summary>Runs the "test connection" action of the sources page and records each test in the audit log.</summary>
public sealed class SourceChecks(SourceCatalog catalog, AuditLog audit, TimeProvider time)
{
    /// <summary>A test gives up after this long, whatever the source's own limits for collecting.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static bool CanCheck(IDataSource source) => source is ISourceConnectionCheck;

    public async Task<SourceCheckResult> CheckAsync(string key, Actor actor, CancellationToken cancellationToken = default)
    {
        var source = catalog.All.FirstOrDefault(s => string.Equals(s.Description.Key, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"There is no source '{key}'.", nameof(key));

        var result = await RunAsync(source, cancellationToken);
        var outcome = result.Succeeded ? "reachable" : "failed";
        var milliseconds = ((long)result.Duration.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        await audit.RecordAsync(actor, AuditAction.SourceTested, target: source.Description.Key,
            detail: $"{outcome} in {milliseconds} ms: {result.Message}", cancellationToken: cancellationToken);
        return result;
    }

    private async Task<SourceCheckResult> RunAsync(IDataSource source, CancellationToken cancellationToken)
    {
        var key = source.Description.Key;
        if (source is not ISourceConnectionCheck check)
        {
            return new SourceCheckResult(key, false, "This kind of source cannot be tested.", TimeSpan.Zero);
        }

        using var limit = new CancellationTokenSource(Limit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, limit.Token);
        var started = time.GetTimestamp();
        try
        {
            var message = await check.CheckConnectionAsync(linked.Token);
            return new SourceCheckResult(key, true, message, time.GetElapsedTime(started));
        }
        catch (DataSourceException ex)
        {
            return new SourceCheckResult(key, false, ex.Message, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new SourceCheckResult(key, false, $"No answer within {Limit.TotalSeconds:0} seconds.", time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Unexpected faults are named by type only: their messages may quote settings.
            return new SourceCheckResult(key, false, $"The test failed unexpectedly ({ex.GetType().Name}).", time.GetElapsedTime(started));
        }
    }
}
