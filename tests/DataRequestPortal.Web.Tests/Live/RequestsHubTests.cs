using System.Net;
using System.Security.Claims;
using DataRequestPortal.Core.Collection;
using DataRequestPortal.Core.Identity;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Live;
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

        var update = await received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(request.Id.ToString(), update.Id);
        Assert.Equal("Queued", update.State);
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
        var change = new RequestStatusChange(4_503_599_627_370_497, Subject.Create(SubjectType.Email, "jane@example.com"), RequestState.Collecting, new CollectionProgress(1, 3, 120, 4096), DateTimeOffset.UtcNow);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!received.IsCompleted && DateTime.UtcNow < deadline)
        {
            first.Services.GetRequiredService<RequestStatusNotifier>().Publish(change);
            await Task.WhenAny(received, Task.Delay(250));
        }

        var update = await received;
        Assert.Equal(("4503599627370497", "Collecting", 1, 3, 120L), (update.Id, update.State, update.SourcesDone, update.SourcesTotal, update.Records));
    }

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

    /// <summary>Signs in to <paramref name="signIn"/> as a new officer and connects to the hub of <paramref name="hubHost"/> with that session.</summary>
    private static async Task<HubConnection> ConnectAsStaffAsync(PortalFactory signIn, PortalFactory hubHost)
    {
        await signIn.CreateStaffAsync("officer@test.example", "Officer-Pass-123", PortalRoles.Officer);
        var cookies = new CookieContainer();
        var client = signIn.CreateDefaultClient(new CookieContainerHandler(cookies));
        Assert.Equal("/", PortalFactory.RedirectTarget(await PortalFactory.SignInAsync(client, "officer@test.example", "Officer-Pass-123")));

        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(hubHost.Server.BaseAddress, RequestsHub.Path), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => hubHost.Server.CreateHandler();
                options.Headers["Cookie"] = cookies.GetCookieHeader(signIn.Server.BaseAddress);
            })
            .Build();
        await connection.StartAsync();
        return connection;
    }
}
