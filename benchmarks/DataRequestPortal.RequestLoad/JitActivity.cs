using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;

namespace DataRequestPortal.RequestLoad;

/// <summary>
/// Counts the methods a process's runtime compiles, watched from outside through its diagnostics port (an EventPipe
/// session with the runtime's JIT events), so nothing in the portal has to offer a way in. A fresh process compiles its
/// hot methods again and again during its first thousands of calls (quickly first, then instrumented, then optimised
/// with what the instrumentation saw) on a background thread that competes with the work for the processor. A portal
/// that has served for a while does none of that.
/// </summary>
public sealed class JitActivity : IAsyncDisposable
{
    private readonly EventPipeSession session;
    private readonly EventPipeEventSource source;
    private readonly Task reading;
    private long compiled;
    private long dynamicCompiled;

    private JitActivity(int processId)
    {
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, (long)ClrTraceEventParser.Keywords.Jit),
        };
        session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 16);
        source = new EventPipeEventSource(session.EventStream);
        source.Clr.MethodLoadVerbose += method =>
        {
            // Methods made at run time (reflection's invoke stubs, compiled expressions) are compiled each time one is
            // made, however long the process has run; they say nothing about whether it has settled.
            if (method.MethodNamespace == "dynamicClass")
            {
                Interlocked.Increment(ref dynamicCompiled);
            }
            else
            {
                Interlocked.Increment(ref compiled);
            }
        };
        reading = Task.Run(source.Process);
    }

    /// <summary>Methods of the portal and its libraries compiled, or compiled again to a higher tier, since watching began.</summary>
    public long Compiled => Interlocked.Read(ref compiled);

    /// <summary>Methods made at run time and compiled since watching began.</summary>
    public long DynamicCompiled => Interlocked.Read(ref dynamicCompiled);

    public static JitActivity Watch(int processId) => new(processId);

    public async ValueTask DisposeAsync()
    {
        await session.StopAsync(CancellationToken.None);
        await reading;
        source.Dispose();
        session.Dispose();
    }
}
