using System.Globalization;
using System.Text.Json;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;

namespace DataRequestPortal.Core.Collection;

/// <summary>What came of looking in one source for a request's subject.</summary>
public enum SearchOutcome
{
    /// <summary>Searched, and records were found (or, for a manual source, provided).</summary>
    Found,

    /// <summary>Searched, and nothing was found (for a manual source: attested).</summary>
    NothingFound,

    /// <summary>Not searched: the source holds no data about subjects of this type.</summary>
    NotApplicable,

    /// <summary>Searched, but the search failed on every attempt.</summary>
    Failed,

    /// <summary>Not searched yet; for a manual source, waiting for its assignee.</summary>
    Pending,
}

/// <summary>
/// One line of "where we looked" (CCPA §7024(c) asks to describe what was not searched too): the source, the outcome,
/// how many records, how many attempts it took, and for a manual source who searched by hand and their note.
/// </summary>
public sealed record SourceSearch(
    string Source,
    string Title,
    SearchOutcome Outcome,
    long Records = 0,
    int Attempts = 0,
    bool Manual = false,
    string? By = null,
    string? Note = null)
{
    /// <summary>Attempts that failed before the search succeeded (or all of them, when it never did).</summary>
    public int FailedAttempts => Outcome == SearchOutcome.Failed ? Attempts : Math.Max(0, Attempts - 1);

    public string WireOutcome => Outcome switch
    {
        SearchOutcome.Found => "found",
        SearchOutcome.NothingFound => "nothing-found",
        SearchOutcome.NotApplicable => "not-applicable",
        SearchOutcome.Failed => "failed",
        _ => "pending",
    };

    /// <summary>The outcome in a sentence, as the PDF and the request page print it.</summary>
    public string Describe()
    {
        var text = (Outcome, Manual) switch
        {
            (SearchOutcome.Found, false) => string.Create(CultureInfo.InvariantCulture, $"Searched: {Records:N0} {(Records == 1 ? "record" : "records")} found."),
            (SearchOutcome.Found, true) => string.Create(CultureInfo.InvariantCulture, $"Searched by hand by {By}: {Records:N0} {(Records == 1 ? "record" : "records")} provided."),
            (SearchOutcome.NothingFound, false) => "Searched: nothing found.",
            (SearchOutcome.NothingFound, true) => $"Searched by hand by {By}, who attested that nothing was found.",
            (SearchOutcome.NotApplicable, _) => "Not searched: this system holds no data about subjects identified this way.",
            (SearchOutcome.Failed, _) => string.Create(CultureInfo.InvariantCulture, $"Could not be searched: failed {Attempts} {(Attempts == 1 ? "time" : "times")}."),
            (SearchOutcome.Pending, true) => $"Waiting for {By} to search by hand.",
            _ => "Not searched yet.",
        };
        if (Outcome is SearchOutcome.Found or SearchOutcome.NothingFound && FailedAttempts > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" The search failed {FailedAttempts} {(FailedAttempts == 1 ? "time" : "times")} first and succeeded when retried.");
        }

        return string.IsNullOrWhiteSpace(Note) ? text : $"{text} Note: {Note.Trim()}";
    }

    public void Write(Utf8JsonWriter json)
    {
        ArgumentNullException.ThrowIfNull(json);
        json.WriteStartObject();
        json.WriteString("source", Source);
        json.WriteString("title", Title);
        json.WriteString("outcome", WireOutcome);
        json.WriteNumber("records", Records);
        json.WriteNumber("attempts", Attempts);
        if (Manual)
        {
            json.WriteBoolean("manual", true);
            if (By is not null)
            {
                json.WriteString("by", By);
            }

            if (Note is not null)
            {
                json.WriteString("note", Note);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>Reads one line written by <see cref="Write"/>; null when it is not one.</summary>
    public static SourceSearch? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object || Text(element, "source") is not { } source)
        {
            return null;
        }

        var outcome = Text(element, "outcome") switch
        {
            "found" => SearchOutcome.Found,
            "nothing-found" => SearchOutcome.NothingFound,
            "not-applicable" => SearchOutcome.NotApplicable,
            "failed" => SearchOutcome.Failed,
            _ => SearchOutcome.Pending,
        };
        return new SourceSearch(
            source,
            Text(element, "title") ?? source,
            outcome,
            element.TryGetProperty("records", out var records) && records.TryGetInt64(out var r) ? r : 0,
            element.TryGetProperty("attempts", out var attempts) && attempts.TryGetInt32(out var a) ? a : 0,
            element.TryGetProperty("manual", out var manual) && manual.ValueKind == JsonValueKind.True,
            Text(element, "by"),
            Text(element, "note"));
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>Where a request looked: every configured source, in the catalog's order, with what came of it.</summary>
public static class WhereWeLooked
{
    /// <summary>
    /// From the request's source runs and manual tasks: a source that does not serve the subject's type is not
    /// applicable; a run done is found or nothing found; a manual task open is pending on its assignee. A run of a source
    /// no longer configured is still listed.
    /// </summary>
    public static IReadOnlyList<SourceSearch> Of(
        IReadOnlyList<SourceDescription> sources, SubjectType subjectType, IReadOnlyList<CollectionSourceRun> runs, IReadOnlyList<ManualTask>? tasks = null)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(runs);
        tasks ??= [];
        var list = new List<SourceSearch>();
        foreach (var source in sources)
        {
            var run = runs.FirstOrDefault(r => string.Equals(r.SourceKey, source.Key, StringComparison.OrdinalIgnoreCase));
            var task = tasks.FirstOrDefault(t => string.Equals(t.SourceKey, source.Key, StringComparison.OrdinalIgnoreCase));
            list.Add(!source.Serves(subjectType) && run is null && task is null
                ? new SourceSearch(source.Key, source.Title, SearchOutcome.NotApplicable)
                : Of(source.Key, source.Title, run, task));
        }

        foreach (var run in runs.Where(r => !sources.Any(s => string.Equals(s.Key, r.SourceKey, StringComparison.OrdinalIgnoreCase))))
        {
            list.Add(Of(run.SourceKey, run.SourceTitle, run, tasks.FirstOrDefault(t => string.Equals(t.SourceKey, run.SourceKey, StringComparison.OrdinalIgnoreCase))));
        }

        return list;
    }

    private static SourceSearch Of(string key, string title, CollectionSourceRun? run, ManualTask? task)
    {
        if (task is not null)
        {
            return task.State switch
            {
                ManualTaskState.Uploaded => new SourceSearch(key, title, task.Records > 0 ? SearchOutcome.Found : SearchOutcome.NothingFound, task.Records, 1, true, task.CompletedBy, task.Note),
                ManualTaskState.Attested => new SourceSearch(key, title, SearchOutcome.NothingFound, 0, 1, true, task.CompletedBy, task.Note),
                _ => new SourceSearch(key, title, SearchOutcome.Pending, 0, 0, true, task.Assignee),
            };
        }

        return run?.State switch
        {
            SourceRunState.Done => new SourceSearch(key, title, run.Records > 0 ? SearchOutcome.Found : SearchOutcome.NothingFound, run.Records, run.Attempts),
            SourceRunState.Failed => new SourceSearch(key, title, SearchOutcome.Failed, 0, run.Attempts),
            _ => new SourceSearch(key, title, SearchOutcome.Pending, 0, run?.Attempts ?? 0),
        };
    }
}
