using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace DataRequestPortal.LoadBenchmarks;

/// <summary>A server's memory right after full, blocking garbage collections: resident set and managed heap, in bytes.</summary>
public sealed record SettledMemory(long Resident, long ManagedHeap)
{
    /// <summary>
    /// Forces full GCs in <paramref name="server"/> from outside, through the runtime's diagnostics port (an EventPipe
    /// session asking for a GC heap collection, as dotnet-gcdump does), then reads its resident set. Nothing in the
    /// server has to offer a way in, so production builds carry none. Two collections with a pause between them let
    /// finalizers run and what they released go too.
    /// </summary>
    public static async Task<SettledMemory> MeasureAsync(ServerProcess server)
    {
        long heap = 0;
        for (var i = 0; i < 2; i++)
        {
            heap = await CollectAsync(server.ProcessId);
            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return new SettledMemory(server.ResidentBytes(), heap);
    }

    /// <summary>One induced full GC; returns the managed heap's size after it (all generations, large and pinned objects).</summary>
    private static async Task<long> CollectAsync(int processId)
    {
        var providers = new[]
        {
            new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Informational,
                (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect)),
        };
        using var session = new DiagnosticsClient(processId).StartEventPipeSession(providers, requestRundown: false, circularBufferMB: 64);
        using var source = new EventPipeEventSource(session.EventStream);
        var induced = -1;
        var stopped = false;
        long heapAfter = -1;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Clr.GCStart += data =>
        {
            if (induced < 0 && data.Depth == 2 && data.Type != GCType.BackgroundGC)
            {
                induced = data.Count;
            }
        };
        source.Clr.GCHeapStats += data =>
        {
            if (induced >= 0)
            {
                heapAfter = data.GenerationSize0 + data.GenerationSize1 + data.GenerationSize2 + data.GenerationSize3 + data.GenerationSize4;
                if (stopped)
                {
                    done.TrySetResult();
                }
            }
        };
        source.Clr.GCStop += data =>
        {
            // The runtime reports the heap's sizes around the end of the collection, before or after its stop event.
            if (induced >= 0 && data.Count == induced)
            {
                stopped = true;
                if (heapAfter >= 0)
                {
                    done.TrySetResult();
                }
            }
        };
        var reading = Task.Run(source.Process);
        var finished = await Task.WhenAny(done.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        await session.StopAsync(CancellationToken.None);
        await reading;
        if (finished != done.Task)
        {
            throw new TimeoutException($"Process {processId} did not report a full GC within 60 s.");
        }

        return heapAfter;
    }
}
