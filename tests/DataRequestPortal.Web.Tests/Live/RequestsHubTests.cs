using System.Net;
using System.Security.Claims;
using System.Threading.Channels;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.SelfService;
using DataRequestPortal.Web.Live;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DataRequestPortal.Web.Tests.Live;

public class RequestsHubTests
{
    [Fact]
    public async Task Anonymous_IsRefusedBeforeConnecting()
    {
        await using var portal = new PortalFactory();
        await using var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(portal.Server.BaseAddress, RequestsHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => portal.Server.CreateHandler();
            })
            .Build();

        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => connection.StartAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task Staff_ReceiveEveryRequestChange()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Collection:Enabled"] = "false";
        await using var connection = await ConnectAsStaffAsync(portal, portal);
        var received = Receive(connection);

        var request = await portal.Services.GetRequiredService<RequestFiling>()
            .FileAsync(Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Staff, Actor.Staff("Olivia"));

        var update = await received.WaitAsync(Eventually.Timeout);
        Assert.Equal(request.Id.ToString(), update.Id);
        Assert.Equal("Queued", update.State);
    }

    [Fact]
    public async Task Subject_ReceivesTheirOwnSelfServiceRequest_NotApiOrStaffRequestsAboutTheirAddress_WhileStaffReceiveAll()
    {
        await using var portal = new PortalFactory();
        portal.Settings["Collection:Enabled"] = "false";
        await using var staff = await ConnectAsStaffAsync(portal, portal);
        await using var subject = await ConnectAsSubjectAsync(portal, "jane@example.com");
        var staffUpdates = Collect(staff);
        var subjectUpdates = Collect(subject);

        var jane = Subject.Create(SubjectType.Email, "jane@example.com");
        var filing = portal.Services.GetRequiredService<RequestFiling>();
        var byStaff = await filing.FileAsync(jane, RequestChannel.Staff, Actor.Staff("Olivia"));
        var token = await portal.IssueTokenAsync("crm");
        var byApi = await filing.FileForApiClientAsync(jane, new ApiClient(token.Id, token.Name), null);
        var own = (await portal.Services.GetRequiredService<SelfServiceRequests>().FileAsync("jane@example.com")).Request;

        // A connection receives in the order sent: once their own update is in, anything sent to them before it is too.
        Assert.Equal([Id(own)], await IdsUntilAllAsync(subjectUpdates, Id(own)));
        Assert.Equal([Id(byStaff), Id(byApi), Id(own)], await IdsUntilAllAsync(staffUpdates, Id(own)));
    }

    [Fact]
    public async Task WithRedis_AChangeInOneProcessReachesClientsOfAnother()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        foreach (var portal in new[] { first, second })
        {
            portal.Settings["SignalR:Redis"] = redis.ConnectionString;
            portal.Settings["Collection:Enabled"] = "false";
        }

        _ = first.Services;
        await using var connection = await ConnectAsStaffAsync(second, second);
        var received = Receive(connection);

        // The change happens in the first process only; the client is connected to the second.
        var change = new RequestStatusChange(4_503_599_627_370_497, Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Api, RequestState.Collecting, new CollectionProgress(1, 3, 120, 4096), DateTimeOffset.UtcNow);
        // Sent again until it arrives: the second process may not be listening to Redis yet.
        await Eventually.UntilAsync(
            () =>
            {
                first.Services.GetRequiredService<RequestStatusNotifier>().Publish(change);
                return received.IsCompleted;
            },
            "the change reached the other process's client");

        var update = await received;
        Assert.Equal(("4503599627370497", "Collecting", 1, 3, 120L), (update.Id, update.State, update.SourcesDone, update.SourcesTotal, update.Records));
    }

    [Fact]
    public async Task WithRedis_AClientOfAnotherProcessHearsOfAChangeOnce()
    {
        await using var redis = await RedisServer.StartAsync();
        await using var first = new PortalFactory();
        await using var second = new PortalFactory();
        foreach (var portal in new[] { first, second })
        {
            portal.Settings["Redis:Configuration"] = redis.ConnectionString;
            portal.Settings["Collection:Enabled"] = "false";
        }

        await Task.WhenAll(first.RedisRelay.Listening, second.RedisRelay.Listening).WaitAsync(Eventually.Timeout);
        await using var connection = await ConnectAsStaffAsync(second, second);
        var updates = Collect(connection);
        var firstNotifier = first.Services.GetRequiredService<RequestStatusNotifier>();
        var secondNotifier = second.Services.GetRequiredService<RequestStatusNotifier>();

        // Other requests are sent until one arrives: the hub's own Redis channel may not be listened to yet.
        var probe = 0L;
        await Eventually.UntilAsync(
            () =>
            {
                firstNotifier.Publish(Change(++probe));
                return updates.TryPeek(out _);
            },
            "a change reached the other process's client");

        using var stop = new CancellationTokenSource();
        var heardBySecond = secondNotifier.WatchAsync(stop.Token).FirstAsync(c => c.RequestId == 1000, stop.Token).AsTask();
        await Eventually.UntilAsync(() => secondNotifier.WatcherCount > 1, "the second process watches");
        firstNotifier.Publish(Change(1000));
        await heardBySecond.WaitAsync(Eventually.Timeout);

        // The first one's change reaches the client through SignalR's backplane, the second one's own changes straight
        // from its broadcaster: two roads, each in order but not with each other. A change sent down each road after
        // 1000 marks its end, so a copy of 1000 on either road (the second process forwarding what it only heard of)
        // would have arrived before both marks.
        secondNotifier.Publish(Change(2000));
        firstNotifier.Publish(Change(3000));
        var ids = await IdsUntilAllAsync(updates, "2000", "3000");
        Assert.Single(ids, "1000");
        await stop.CancelAsync();
    }

    private static RequestStatusChange Change(long id) =>
        new(id, Subject.Create(SubjectType.Email, "jane@example.com"), RequestChannel.Api, RequestState.Collecting, new CollectionProgress(1, 3, 120, 4096), DateTimeOffset.UtcNow);

    [Fact]
    public void Groups_StaffWatchAll_ASubjectOnlyTheirAddress_OthersNothing()
    {
        Assert.Equal([RequestsHub.StaffGroup], RequestsHub.GroupsFor(User(PortalRoles.Auditor)));
        Assert.Equal(["subject:jane@example.com"], RequestsHub.GroupsFor(User(PortalRoles.Subject, "Jane@Example.com")));
        Assert.Empty(RequestsHub.GroupsFor(User(PortalRoles.Subject)));
        Assert.Empty(RequestsHub.GroupsFor(User("Visitor", "someone@example.com")));
    }

    private static ClaimsPrincipal User(string role, string? email = null)
    {
        var claims = new List<Claim> { new(ClaimTypes.Role, role) };
        if (email is not null)
        {
            claims.Add(new Claim(ClaimTypes.Email, email));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test"));
    }

    private static Task<RequestUpdate> Receive(HubConnection connection)
    {
        var received = new TaskCompletionSource<RequestUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.On<RequestUpdate>(RequestsHub.RequestChanged, update => received.TrySetResult(update));
        return received.Task;
    }

    private static string Id(DataRequest request) => request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static ChannelReader<RequestUpdate> Collect(HubConnection connection)
    {
        var updates = Channel.CreateUnbounded<RequestUpdate>();
        connection.On<RequestUpdate>(RequestsHub.RequestChanged, update => updates.Writer.TryWrite(update));
        return updates.Reader;
    }

    /// <summary>The ids of the updates received, up to and including <paramref name="lastId"/>.</summary>
    /// <summary>The ids a client receives until every one of <paramref name="lastIds"/> has come.</summary>
    private static async Task<List<string>> IdsUntilAllAsync(ChannelReader<RequestUpdate> updates, params string[] lastIds)
    {
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        var ids = new List<string>();
        while (!lastIds.All(ids.Contains))
        {
            ids.Add((await updates.ReadAsync(timeout.Token)).Id);
        }

        return ids;
    }

    /// <summary>Signs in to <paramref name="signIn"/> as a new officer and connects to the hub of <paramref name="hubHost"/> with that session.</summary>
    private static async Task<HubConnection> ConnectAsStaffAsync(PortalFactory signIn, PortalFactory hubHost)
    {
        await signIn.CreateStaffAsync("officer@test.example", "Officer-Pass-123", PortalRoles.Officer);
        var cookies = new CookieContainer();
        var client = signIn.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(client, "officer@test.example", "Officer-Pass-123")));
        return await ConnectAsync(hubHost, cookies.GetCookieHeader(signIn.Server.BaseAddress));
    }

    /// <summary>Signs in on the self-service pages as the data subject of <paramref name="email"/> (filing nothing) and connects with that session.</summary>
    private static async Task<HubConnection> ConnectAsSubjectAsync(PortalFactory portal, string email)
    {
        var cookies = new CookieContainer();
        var client = portal.CreateDefaultClient(new CookieContainerHandler(cookies));
        await portal.SignInAsync(client, email, viewOnly: true);
        return await ConnectAsync(portal, cookies.GetCookieHeader(portal.Server.BaseAddress));
    }

    private static async Task<HubConnection> ConnectAsync(PortalFactory hubHost, string cookie)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(hubHost.Server.BaseAddress, RequestsHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => hubHost.Server.CreateHandler();
                options.Headers["Cookie"] = cookie;
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
