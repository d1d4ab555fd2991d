using System.Diagnostics;
using System.Threading.RateLimiting;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// One caller's allowance of one kind of call, counted in Redis (<see cref="RedisRateLimitCounter"/>) in a fixed window
/// shared by every portal process, and in this process's own fixed window while Redis cannot count.
/// </summary>
public sealed class RedisFixedWindowLimiter(RedisRateLimitCounter counter, string caller, FixedWindowRateLimiterOptions options) : RateLimiter
{
    private readonly FixedWindowRateLimiter alone = new(options);
    private long lastUsed = Stopwatch.GetTimestamp();

    public override TimeSpan? IdleDuration => Stopwatch.GetElapsedTime(Interlocked.Read(ref lastUsed));

    public override RateLimiterStatistics? GetStatistics() => alone.GetStatistics();

    // Counting needs a round trip, so the synchronous attempt always declines and the caller asks again asynchronously.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => Lease.NotYet;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref lastUsed, Stopwatch.GetTimestamp());
        if (permitCount == 0)
        {
            return Lease.Granted;
        }

        if (await counter.CountAsync(caller, options.Window) is not { } counted)
        {
            return await alone.AcquireAsync(permitCount, cancellationToken);
        }

        return counted.Count <= options.PermitLimit ? Lease.Granted : Lease.Refused(counted.WindowLeft);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            alone.Dispose();
        }

        base.Dispose(disposing);
    }

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(acquired: true, retryAfter: null);

        public static readonly Lease NotYet = new(acquired: false, retryAfter: null);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(acquired: false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
