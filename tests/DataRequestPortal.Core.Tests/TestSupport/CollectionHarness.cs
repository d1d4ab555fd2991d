using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Data;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Sources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>The collection services as the portal wires them, over a test database, a temporary result folder and the given sources.</summary>
public sealed class CollectionHarness : IAsyncDisposable
{
    private readonly List<CollectionWorker> workers = [];

    private CollectionHarness(TestDatabase database, IReadOnlyList<IDataSource> sources, CollectionOptions options, TimeProvider time, Func<string, ResultStore>? store)
    {
        Database = database;
        Time = time;
        Clock = new ComplianceClock(time, TimeZoneInfo.Utc);
        Options = options;
        ResultsPath = Path.Combine(Path.GetTempPath(), "drp-tests", "results-" + Guid.NewGuid().ToString("N"));
        Store = store?.Invoke(ResultsPath) ?? new FolderResultStore(ResultsPath);
        Catalog = new SourceCatalog(sources);
        Leases = new RequestLeases(database, time);
        Filing = new RequestFiling(database, Clock, Notifier, new Core.Delivery.SubjectNoticeQueue(Clock));
    }

    public TestDatabase Database { get; }

    public TimeProvider Time { get; }

    public ComplianceClock Clock { get; }

    public CollectionOptions Options { get; }

    public ResultOptions ResultOptions { get; } = new() { Path = "." };

    public RequestOptions RequestOptions { get; } = new();

    /// <summary>Review off for every channel: the collection tests see requests complete; review tests turn it on.</summary>
    public ReviewOptions ReviewOptions { get; } = new() { Required = new() { Staff = false, SelfService = false, Api = false } };

    public string ResultsPath { get; }

    /// <summary>The result store: the folder <see cref="ResultsPath"/> unless the test gives another.</summary>
    public ResultStore Store { get; }

    public SourceCatalog Catalog { get; }

    public RequestStatusNotifier Notifier { get; } = new();

    public RequestLeases Leases { get; }

    public RequestFiling Filing { get; }

    /// <param name="store">Makes the result store over a local folder; the folder store when null.</param>
    public static async Task<CollectionHarness> CreateAsync(
        IReadOnlyList<IDataSource> sources, Action<CollectionOptions>? configure = null, TimeProvider? time = null, Func<string, ResultStore>? store = null)
    {
        var options = new CollectionOptions { PollSeconds = 0.2, LeaseSeconds = 60, RetryDelaySeconds = 0.01, ProgressMilliseconds = 100, MaxAttempts = 3 };
        configure?.Invoke(options);
        return new CollectionHarness(await TestDatabase.CreateAsync(), sources, options, time ?? TimeProvider.System, store);
    }

    public RequestCollector Collector() => new(
        Database, Catalog, Store, Leases, Notifier, Clock, Time,
        Microsoft.Extensions.Options.Options.Create(Options), Microsoft.Extensions.Options.Options.Create(ResultOptions),
        Microsoft.Extensions.Options.Options.Create(ReviewOptions), NullLogger<RequestCollector>.Instance,
        new Core.Delivery.ManualTaskNoticeQueue(Clock));

    /// <summary>Manual tasks done by hand, as the request page does them.</summary>
    public ManualTasks Tasks => new(Database, Store, Notifier, Clock);

    /// <summary>A worker as another portal process would run one; started at once, stopped when the harness is disposed.</summary>
    public async Task<CollectionWorker> StartWorkerAsync(string owner)
    {
        var worker = new CollectionWorker(Leases, Collector(), Notifier, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<CollectionWorker>.Instance) { Owner = owner };
        workers.Add(worker);
        await worker.StartAsync(CancellationToken.None);
        return worker;
    }

    public static async Task StopAsync(CollectionWorker worker)
    {
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        await worker.StopAsync(timeout.Token);
    }

    public Task<DataRequest> FileAsync(string email) =>
        Filing.FileAsync(Subject.Create(SubjectType.Email, email), RequestChannel.Staff, Actor.Staff("officer@example.com"));

    /// <summary>A request staff filed for <paramref name="email"/> to be delivered through the subject's self-service page.</summary>
    public Task<DataRequest> FileForSelfServiceDeliveryAsync(string email) =>
        Filing.FileForStaffAsync(Subject.Create(SubjectType.Email, email), Actor.Staff("officer@example.com"), "Identity verified: by phone", null, null, selfServiceDelivery: true);

    public async Task<DataRequest> LoadAsync(long id)
    {
        await using var db = Database.CreateDbContext();
        return await db.DataRequests.Include(r => r.Timeline).Include(r => r.ReportTargets).AsSplitQuery().AsNoTracking().SingleAsync(r => r.Id == id);
    }

    public async Task<List<CollectionSourceRun>> RunsAsync(long id)
    {
        await using var db = Database.CreateDbContext();
        return await db.SourceRuns.Where(r => r.DataRequestId == id).OrderBy(r => r.Position).AsNoTracking().ToListAsync();
    }

    /// <summary>Waits until the request meets <paramref name="condition"/>, or fails the test after <see cref="Eventually.Timeout"/>.</summary>
    public Task<DataRequest> WaitForAsync(long id, Func<DataRequest, bool> condition) =>
        Eventually.ReadAsync(() => LoadAsync(id), condition, request => $"Request {id} is still {request.State}");

    /// <summary>Marks a request as taken by a process that then died: claimed, collecting, lease already run out.</summary>
    public async Task AbandonAsync(long id, string deadOwner)
    {
        Assert.True(await Leases.TryClaimAsync(id, deadOwner, TimeSpan.FromMinutes(-1), CancellationToken.None));
        await using var db = Database.CreateDbContext();
        var request = await db.DataRequests.Include(r => r.Timeline).SingleAsync(r => r.Id == id);
        request.StartCollecting(Clock, Catalog.For(request.SubjectType).Count);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in workers)
        {
            await StopAsync(worker);
            worker.Dispose();
        }

        await Database.DisposeAsync();
        if (Directory.Exists(ResultsPath))
        {
            Directory.Delete(ResultsPath, recursive: true);
        }
    }
}
