using DataRequestPortal.Core.Delivery;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Delivery;

public class ReportDeliveryWorkerTests
{
    [Fact]
    public async Task RunDueAsync_CompletedApiRequest_PostsTheSignedResultTheReceiverVerifies()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var secret = "";
        await using var receiver = await SignedReportReceiver.StartAsync(() => secret, harness.Time.GetUtcNow);
        var request = await harness.CompleteAsync(receiver.Url);
        secret = request.Secret;

        Assert.Equal(1, await harness.Worker().RunDueAsync(CancellationToken.None));

        var report = Assert.Single(receiver.Reports);
        Assert.True(report.Verified);
        Assert.Equal(request.Result, report.Body);
        Assert.Equal("application/json", report.ContentType);
        Assert.Equal(request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), report.RequestId);
        Assert.StartsWith($"keyId=\"{request.TokenId}\",algorithm=\"hmac-sha256\",headers=\"(request-target) host date digest\",signature=\"", report.Signature, StringComparison.Ordinal);

        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Delivered, delivery!.State);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Equal(200, attempt.StatusCode);
        Assert.Null(attempt.Error);
        Assert.Equal(harness.Time.GetUtcNow(), attempt.At);
        Assert.Equal(0, await harness.Worker().RunDueAsync(CancellationToken.None));
        Assert.Single(receiver.Reports);
    }

    [Fact]
    public async Task RunDueAsync_TargetsAddedByRepeatedCalls_EachGetTheResultOnce_SignedWithTheRequestsOwnToken()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var secret = "";
        await using var receiver = await SignedReportReceiver.StartAsync(() => secret, harness.Time.GetUtcNow);
        var request = await harness.CompleteAsync(["first@example.com", receiver.Url, "FIRST@example.com", "third@example.com", receiver.Url + "&copy=2"]);
        secret = request.Secret;

        Assert.Equal(4, await harness.Worker().RunDueAsync(CancellationToken.None));
        Assert.Equal(0, await harness.Worker().RunDueAsync(CancellationToken.None));

        Assert.Equal(2, receiver.Reports.Count);
        Assert.All(receiver.Reports, r => Assert.True(r.Verified));
        Assert.All(receiver.Reports, r => Assert.StartsWith($"keyId=\"{request.TokenId}\"", r.Signature, StringComparison.Ordinal));
        Assert.All(receiver.Reports, r => Assert.Equal(request.Result, r.Body));
        Assert.Equal(["first@example.com", "third@example.com"], harness.Mails().Select(m => Assert.Single(m.To.Mailboxes).Address).Order());
        var deliveries = await harness.DeliveriesOfAsync(request.Id);
        Assert.Equal(
            [(1, "first@example.com"), (2, receiver.Url), (3, "third@example.com"), (4, receiver.Url + "&copy=2")],
            deliveries.Select(d => (d.TargetNumber, d.Target)));
        Assert.All(deliveries, d => Assert.Equal((DeliveryState.Delivered, 1), (d.State, d.Attempts.Count)));
    }

    [Fact]
    public async Task RunDueAsync_WrongSecret_ReceiverRejectsTheSignature()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await using var receiver = await SignedReportReceiver.StartAsync(() => "another client's secret", harness.Time.GetUtcNow);
        await harness.CompleteAsync(receiver.Url);

        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.False(Assert.Single(receiver.Reports).Verified);
    }

    [Fact]
    public async Task RunDueAsync_ReceiverFailsOnce_RetriesAfterAMinuteAndDelivers()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var secret = "";
        await using var receiver = await SignedReportReceiver.StartAsync(() => secret, harness.Time.GetUtcNow);
        var request = await harness.CompleteAsync(receiver.Url);
        secret = request.Secret;
        receiver.Answers.Enqueue(503);
        var worker = harness.Worker();

        Assert.Equal(1, await worker.RunDueAsync(CancellationToken.None));
        var pending = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Pending, pending!.State);
        Assert.Equal(harness.Time.GetUtcNow() + TimeSpan.FromMinutes(1), pending.NextAttemptAt);

        harness.Time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(0, await worker.RunDueAsync(CancellationToken.None));
        harness.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await worker.RunDueAsync(CancellationToken.None));

        var delivered = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Delivered, delivered!.State);
        Assert.Equal([503, 200], delivered.Attempts.OrderBy(a => a.Number).Select(a => a.StatusCode));
        Assert.Equal("The receiver answered 503 Service Unavailable", delivered.Attempts.Single(a => a.Number == 1).Error);
        Assert.All(receiver.Reports, r => Assert.True(r.Verified));
    }

    [Fact]
    public async Task RunDueAsync_ReceiverKeepsFailing_BacksOffAndGivesUpWithinADay()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await using var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow);
        for (var i = 0; i < 100; i++)
        {
            receiver.Answers.Enqueue(500);
        }

        var request = await harness.CompleteAsync(receiver.Url);
        var worker = harness.Worker();
        var started = harness.Time.GetUtcNow();

        for (var pass = 0; pass < 50; pass++)
        {
            await worker.RunDueAsync(CancellationToken.None);
            var current = await harness.DeliveryOfAsync(request.Id);
            if (current!.State != DeliveryState.Pending)
            {
                break;
            }

            harness.Time.SetUtcNow(current.NextAttemptAt);
        }

        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.GaveUp, delivery!.State);
        var times = delivery.Attempts.OrderBy(a => a.Number).Select(a => a.At).ToList();
        Assert.Equal(TimeSpan.FromMinutes(1), times[1] - times[0]);
        Assert.Equal(TimeSpan.FromMinutes(2), times[2] - times[1]);
        Assert.Equal(TimeSpan.FromMinutes(4), times[3] - times[2]);
        Assert.Equal(TimeSpan.FromHours(4), times[^1] - times[^2]);
        Assert.InRange(times[^1] - started, TimeSpan.FromHours(20), TimeSpan.FromHours(24));
        Assert.Equal(times.Count, receiver.Reports.Count);
        Assert.All(delivery.Attempts, a => Assert.Equal(500, a.StatusCode));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{port}/hooks/report", "127.0.0.1 (loopback)")]
    [InlineData("http://localhost:{port}/hooks/report", "(loopback)")]
    [InlineData("http://10.1.2.3/hooks/report", "10.1.2.3 (private)")]
    [InlineData("http://[fd00::1]/hooks/report", "fd00::1 (unique-local)")]
    [InlineData("http://192.0.2.10/hooks/report", "192.0.2.10 (documentation, TEST-NET-1)")]
    [InlineData("http://[::ffff:0:7f00:1]:{port}/hooks/report", "(IPv4-translated, ::ffff:0:0:0/96)")]
    [InlineData("http://[64:ff9b::7f00:1]/hooks/report", "(NAT64, 64:ff9b::/96)")]
    [InlineData("http://[2002:7f00:1::1]/hooks/report", "(6to4 for 127.0.0.1, loopback)")]
    public async Task RunDueAsync_PrivateTargetNotAllowed_RefusesWithoutSendingOrRetrying(string target, string reason)
    {
        await using var harness = await DeliveryHarness.CreateAsync(allowPrivateNetworkTargets: false);
        await using var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow);
        var port = new Uri(receiver.Url).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var request = await harness.CompleteAsync(target.Replace("{port}", port, StringComparison.Ordinal));

        Assert.Equal(1, await harness.Worker().RunDueAsync(CancellationToken.None));
        harness.Time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(0, await harness.Worker().RunDueAsync(CancellationToken.None));

        Assert.Empty(receiver.Reports);
        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.GaveUp, delivery!.State);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.StartsWith("Refused: ", attempt.Error, StringComparison.Ordinal);
        Assert.Contains(reason, attempt.Error, StringComparison.Ordinal);
        Assert.Contains("Delivery:AllowPrivateNetworkTargets", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDueAsync_TargetOnThePortalHostsOwnInterface_IsNotDeliveredTo()
    {
        // A service on the portal's own host, listening on the host's network address rather than loopback.
        var own = HostAddress.NonLoopback();
        await using var harness = await DeliveryHarness.CreateAsync(allowPrivateNetworkTargets: false);
        await using var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow, own);
        var request = await harness.CompleteAsync(receiver.Url);

        Assert.Equal(1, await harness.Worker().RunDueAsync(CancellationToken.None));

        Assert.Empty(receiver.Reports);
        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.GaveUp, delivery!.State);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.StartsWith("Refused: ", attempt.Error, StringComparison.Ordinal);
        Assert.Contains("the portal's own host", attempt.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDueAsync_TargetOnThePortalHostWithPrivateTargetsAllowed_IsDelivered()
    {
        var own = HostAddress.NonLoopback();
        await using var harness = await DeliveryHarness.CreateAsync(allowPrivateNetworkTargets: true);
        await using var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow, own);
        var request = await harness.CompleteAsync(receiver.Url);

        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Equal(request.Result, Assert.Single(receiver.Reports).Body);
        Assert.Equal(DeliveryState.Delivered, (await harness.DeliveryOfAsync(request.Id))!.State);
    }

    [Fact]
    public async Task RunDueAsync_NothingListening_LogsTheConnectionErrorAndRetries()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow);
        var url = receiver.Url;
        await receiver.DisposeAsync();
        var request = await harness.CompleteAsync(url);

        await harness.Worker().RunDueAsync(CancellationToken.None);

        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Pending, delivery!.State);
        var attempt = Assert.Single(delivery.Attempts);
        Assert.Null(attempt.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(attempt.Error));
    }

    [Fact]
    public async Task RunDueAsync_ReceiverRedirects_DoesNotFollowAndRetriesLater()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        await using var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow);
        receiver.Answers.Enqueue(307);
        var request = await harness.CompleteAsync(receiver.Url);

        await harness.Worker().RunDueAsync(CancellationToken.None);

        Assert.Single(receiver.Reports);
        var delivery = await harness.DeliveryOfAsync(request.Id);
        Assert.Equal(DeliveryState.Pending, delivery!.State);
        Assert.Equal(307, Assert.Single(delivery.Attempts).StatusCode);
    }

    [Fact]
    public async Task Worker_Running_SendsTheReportAsSoonAsTheRequestCompletes()
    {
        await using var harness = await DeliveryHarness.CreateAsync();
        harness.Options.PollSeconds = 3600;
        await using var receiver = await SignedReportReceiver.StartAsync(() => "", harness.Time.GetUtcNow);
        using var worker = harness.Worker();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            var request = await harness.CompleteAsync(receiver.Url);

            await Eventually.UntilAsync(async () => (await harness.DeliveryOfAsync(request.Id))?.State == DeliveryState.Delivered, "the report is delivered");
            Assert.Equal(request.Result, Assert.Single(receiver.Reports).Body);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
