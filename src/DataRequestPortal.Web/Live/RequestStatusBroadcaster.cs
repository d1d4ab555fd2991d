using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using Microsoft.AspNetCore.SignalR;

namespace DataRequestPortal.Web.Live;

/// <summary>What a hub client receives when a request changes.</summary>
public sealed record RequestUpdate(string Id, string State, int SourcesDone, int SourcesTotal, long Records, long Bytes, DateTimeOffset At)
{
    public static RequestUpdate Of(RequestStatusChange change) => new(
        change.RequestId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        change.State.ToString(),
        change.Progress.SourcesDone,
        change.Progress.SourcesTotal,
        change.Progress.Records,
        change.Progress.Bytes,
        change.At);
}

/// <summary>
/// Passes this process's request changes to the hub's clients; with Redis they reach clients of every process through
/// SignalR's backplane, so changes other processes made (which their own broadcasters send) are left out here.
/// </summary>
public sealed partial class RequestStatusBroadcaster(RequestStatusNotifier notifier, IHubContext<RequestsHub> hub, ILogger<RequestStatusBroadcaster> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var change in notifier.WatchHereAsync(stoppingToken))
        {
            try
            {
                var update = RequestUpdate.Of(change);
                await hub.Clients.Group(RequestsHub.StaffGroup).SendAsync(RequestsHub.RequestChanged, update, stoppingToken);

                // A subject hears only of the requests their own pages show, never of ones an API client, or staff without self-service delivery, filed about them.
                if (SelfServiceRequests.OwnerOf(change) is { } owner)
                {
                    await hub.Clients.Group(RequestsHub.SubjectGroup(owner)).SendAsync(RequestsHub.RequestChanged, update, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogSendFailed(logger, change.RequestId, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Live update for request {RequestId} was not sent: {Error}")]
    private static partial void LogSendFailed(ILogger logger, long requestId, string error);
}
