namespace DataRequestPortal.Core.Sources;

/// <summary>
/// A time limit on a remote answer that starts again whenever data arrives: a large answer that keeps coming is
/// fine however long it takes, a peer that goes quiet is not. Cancelling the caller's token cancels too.
/// </summary>
internal sealed class IdleTimeout : IDisposable
{
    private readonly CancellationTokenSource timer;
    private readonly CancellationTokenSource linked;

    public IdleTimeout(TimeSpan limit, TimeProvider time, CancellationToken cancellationToken)
    {
        Limit = limit;
        timer = new CancellationTokenSource(limit, time);
        linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
    }

    public TimeSpan Limit { get; }

    public CancellationToken Token => linked.Token;

    /// <summary>Whether the limit passed (as opposed to the caller cancelling).</summary>
    public bool Expired => timer.IsCancellationRequested;

    public void Restart()
    {
        if (!timer.IsCancellationRequested)
        {
            timer.CancelAfter(Limit);
        }
    }

    /// <summary>A read-only view of <paramref name="stream"/> whose every read restarts the limit and is bounded by it.</summary>
    public Stream Watch(Stream stream) => new WatchedStream(stream, this);

    public void Dispose()
    {
        linked.Dispose();
        timer.Dispose();
    }

    private sealed class WatchedStream(Stream inner, IdleTimeout timeout) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            timeout.Restart();
            if (!cancellationToken.CanBeCanceled || cancellationToken == timeout.Token)
            {
                return await inner.ReadAsync(buffer, timeout.Token);
            }

            using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            return await inner.ReadAsync(buffer, both.Token);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Synchronous reads cannot be bounded by a token; every reader here reads asynchronously.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("Read asynchronously.");

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }

        public override ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
