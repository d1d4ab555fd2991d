using System.Globalization;

namespace DataRequestPortal.ApiLoad;

/// <summary>One wrk run against a call, with the CPU time the server spent per call meanwhile.</summary>
public sealed record CallRun(double RequestsPerSecond, double P50Milliseconds, double P99Milliseconds, double CpuMicrosecondsPerCall, long SocketErrors)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RequestsPerSecond:N0} req/s, p50 {P50Milliseconds:0.0} ms, p99 {P99Milliseconds:0.0} ms, {CpuMicrosecondsPerCall:0} µs CPU/call")
        + (SocketErrors > 0 ? $", {SocketErrors} socket errors" : "");
}

/// <summary>A call on a running server, measured with wrk (with <paramref name="bearerToken"/> when given).</summary>
public sealed class LoadedCall(ServerProcess server, Uri url, string? bearerToken)
{
    public async Task<CallRun> MeasureAsync(int threads, int connections, int seconds)
    {
        var before = server.CpuTime();
        var result = await Wrk.MeasureAsync(url, bearerToken, threads, connections, seconds);
        var after = server.CpuTime();
        var cpuPerCall = before is { } b && after is { } a && result.Requests > 0
            ? (a - b).TotalMicroseconds / result.Requests
            : double.NaN;
        return new CallRun(result.RequestsPerSecond, result.P50Milliseconds, result.P99Milliseconds, cpuPerCall, result.SocketErrors);
    }
}
