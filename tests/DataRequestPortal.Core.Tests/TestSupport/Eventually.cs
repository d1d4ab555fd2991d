using System.Diagnostics;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// The one limit on how long a test waits for work on another thread or process. The tests share a busy two-core
/// machine, so it is generous; a passing test never spends it. Where nothing signals that the work is done, the
/// test polls until it is.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that; fails with <paramref name="what"/> of the last read after <see cref="Timeout"/>.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, Func<T, bool> done, Func<T, string> what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (waited.Elapsed > Timeout)
            {
                throw new TimeoutException($"{what(value)} after {Timeout.TotalSeconds:0} s.");
            }

            await Task.Delay(Interval);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; fails saying <paramref name="what"/> did not happen.</summary>
    public static Task UntilAsync(Func<bool> condition, string what) =>
        ReadAsync(() => Task.FromResult(condition()), ok => ok, _ => $"Still not so: {what},");

    /// <summary>As <see cref="UntilAsync(Func{bool}, string)"/>, for a condition that has to be read asynchronously.</summary>
    public static Task UntilAsync(Func<Task<bool>> condition, string what) =>
        ReadAsync(condition, ok => ok, _ => $"Still not so: {what},");
}
