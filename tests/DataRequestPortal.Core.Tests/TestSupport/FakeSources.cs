using System.Collections.Concurrent;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>Sources whose behaviour a test sets: records per subject, failures, hangs, and a count of collections.</summary>
public class FakeSource(string key, params string[] categories) : IDataSource
{
    private SourceDescription? description;

    /// <summary>The subject types the source serves; all three unless a test says otherwise.</summary>
    public IReadOnlyList<SubjectType> Serves { get; init; } = [SubjectType.Email, SubjectType.Profile, SubjectType.Subprofile];

    public SourceDescription Description => description ??= new(
        key,
        $"{key} title",
        Serves,
        [.. categories.Select(c => new CategoryDescription(c, $"{c} records"))],
        new SourceFacts { Purposes = ["Testing"], Retention = "One day", Origin = "The test" });

    /// <summary>Records per category for a subject identifier; subjects not listed have none.</summary>
    public Dictionary<string, Dictionary<string, int>> Records { get; } = [];

    /// <summary>How many times each subject was collected (attempts included).</summary>
    public ConcurrentDictionary<string, int> Collections { get; } = new();

    /// <summary>Attempts that throw before succeeding; int.MaxValue for a source that never works.</summary>
    public int FailuresBeforeSuccess { get; set; }

    /// <summary>When set, each attempt waits for it (or for cancellation) before writing.</summary>
    public TaskCompletionSource? Gate { get; set; }

    /// <summary>Set when an attempt starts waiting at the gate.</summary>
    public TaskCompletionSource Waiting { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool WriteHalfThenFail { get; set; }

    public virtual async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        var attempt = Collections.AddOrUpdate(subject.Identifier, 1, (_, n) => n + 1);
        if (Gate is not null)
        {
            Waiting.TrySetResult();
            await Gate.Task.WaitAsync(cancellationToken);
        }

        var failing = attempt <= FailuresBeforeSuccess;
        if (failing && !WriteHalfThenFail)
        {
            throw new IOException($"{Description.Key} is unreachable");
        }

        if (!Records.TryGetValue(subject.Identifier, out var perCategory))
        {
            return;
        }

        foreach (var category in Description.Categories.Select(c => c.Name))
        {
            output.BeginCategory(category);
            for (var i = 0; i < perCategory.GetValueOrDefault(category); i++)
            {
                var json = output.BeginRecord(category);
                json.WriteNumber("n", i);
                json.WriteString("subject", subject.Identifier);
                await output.EndRecordAsync(cancellationToken);
                if (failing && i == perCategory[category] / 2)
                {
                    throw new IOException($"{Description.Key} dropped the connection");
                }
            }
        }
    }
}

/// <summary>A source that writes some records at once and then waits at its gate before finishing, as a slow HTTP source streams.</summary>
public sealed class StreamingSource(string key, string category, int records) : FakeSource(key, category)
{
    /// <summary>Opened by the test to let the source finish.</summary>
    public TaskCompletionSource Finish { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set once the first records are written and the source is waiting.</summary>
    public TaskCompletionSource Written { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task CollectAsync(Subject subject, SourceOutput output, CancellationToken cancellationToken)
    {
        output.BeginCategory(category);
        for (var i = 0; i < records; i++)
        {
            var json = output.BeginRecord(category);
            json.WriteNumber("n", i);
            await output.EndRecordAsync(cancellationToken);
        }

        Written.TrySetResult();
        await Finish.Task.WaitAsync(cancellationToken);
    }
}
