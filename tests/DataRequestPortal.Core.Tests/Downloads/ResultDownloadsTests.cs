using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Downloads;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Tests.TestSupport;

namespace DataRequestPortal.Core.Tests.Downloads;

/// <summary>Who may have which result, and what each download leaves in the audit log.</summary>
public class ResultDownloadsTests
{
    private const string Jane = "jane.doe@example.com";

    private const string ReportAddress = "crm@example.com";

    [Fact]
    public async Task OpenAsync_StaffMember_GetsAnyRequestsResult_LoggedWithTheirName()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var id = await CompletedSelfServiceAsync(harness, Jane);

        var download = await harness.Downloads().OpenAsync(new Downloader.StaffMember("officer@example.com"), id, ResultFormat.Json);

        var ready = await AssertReadyAsync(harness, download, id);
        Assert.Equal(("application/json", $"datarequest-{id}.json"), (ready.ContentType, ready.FileName));
        var entry = Assert.Single(await harness.DownloadsLoggedAsync());
        Assert.Equal((ActorKind.Staff, "officer@example.com", id, "format json"), (entry.ActorKind, entry.ActorName, entry.DataRequestId, entry.Detail));
    }

    [Fact]
    public async Task OpenAsync_Pdf_IsTheReport_LoggedAsPdf()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var id = await CompletedSelfServiceAsync(harness, Jane);

        var download = await harness.Downloads().OpenAsync(new Downloader.DataSubject(Jane), id, ResultFormat.Pdf);

        var ready = Assert.IsType<ResultDownload.Ready>(download);
        await using (ready.Content)
        {
            var header = new byte[5];
            await ready.Content.ReadExactlyAsync(header);
            Assert.Equal("%PDF-"u8.ToArray(), header);
        }

        Assert.Equal(("application/pdf", $"datarequest-{id}.pdf"), (ready.ContentType, ready.FileName));
        Assert.Equal("format pdf", Assert.Single(await harness.DownloadsLoggedAsync()).Detail);
    }

    [Fact]
    public async Task OpenAsync_Subject_GetsTheirOwnSelfServiceResult_WhateverTheSpellingOfTheirAddress()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var id = await CompletedSelfServiceAsync(harness, Jane);

        var download = await harness.Downloads().OpenAsync(new Downloader.DataSubject("Jane.Doe@Example.com"), id, ResultFormat.Json);

        await AssertReadyAsync(harness, download, id);
        var entry = Assert.Single(await harness.DownloadsLoggedAsync());
        Assert.Equal((ActorKind.Subject, Jane), (entry.ActorKind, entry.ActorName));
    }

    [Fact]
    public async Task OpenAsync_Subject_AnotherSubjectsRequest_IsNotFound_LikeAnUnknownId()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var theirs = await CompletedSelfServiceAsync(harness, "someone.else@example.com");
        var downloads = harness.Downloads();

        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), theirs, ResultFormat.Json));
        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), theirs, ResultFormat.Pdf));
        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), 1234567890123456, ResultFormat.Json));
        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_Subject_ApiOrStaffRequestAboutTheirOwnAddress_IsNotFound()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var byApi = await harness.Delivery.CompleteAsync(ReportAddress, Jane);
        var byStaff = await harness.Delivery.Collection.FileAsync(Jane);
        await harness.CompleteAsync(byStaff.Id);
        var downloads = harness.Downloads();

        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), byApi.Id, ResultFormat.Json));
        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), byStaff.Id, ResultFormat.Json));
        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_Subject_StaffRequestForSelfServiceDelivery_GetsIt_WhateverTheSpellingOfTheirAddress()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        harness.Source.Subjects.Add(Jane);
        var delivered = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync(Jane);
        await harness.CompleteAsync(delivered.Id);

        var json = await harness.Downloads().OpenAsync(new Downloader.DataSubject("Jane.Doe@Example.com"), delivered.Id, ResultFormat.Json);
        await AssertReadyAsync(harness, json, delivered.Id);
        var pdf = Assert.IsType<ResultDownload.Ready>(await harness.Downloads().OpenAsync(new Downloader.DataSubject(Jane), delivered.Id, ResultFormat.Pdf));
        await pdf.Content.DisposeAsync();

        var logged = await harness.DownloadsLoggedAsync();
        Assert.Equal(["format json", "format pdf"], logged.Select(e => e.Detail));
        Assert.All(logged, e => Assert.Equal((ActorKind.Subject, Jane, delivered.Id), (e.ActorKind, e.ActorName, e.DataRequestId)));
    }

    [Fact]
    public async Task OpenAsync_Subject_StaffRequestForSelfServiceDeliveryToAnotherAddress_IsNotFound()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var theirs = await harness.Delivery.Collection.FileForSelfServiceDeliveryAsync("someone.else@example.com");
        await harness.CompleteAsync(theirs.Id);
        var downloads = harness.Downloads();

        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), theirs.Id, ResultFormat.Json));
        Assert.IsType<ResultDownload.NotFound>(await downloads.OpenAsync(new Downloader.DataSubject(Jane), theirs.Id, ResultFormat.Pdf));
        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_Client_GetsWhatItsTokenFiled_NotAnotherTokensRequest()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var ours = await harness.Delivery.CompleteAsync(ReportAddress);
        var theirs = await harness.Delivery.CompleteAsync(ReportAddress, "other@example.com");
        var downloads = harness.Downloads();
        var client = new ApiClient(ours.TokenId, "crm");

        var own = await downloads.OpenAsync(new Downloader.Client(client), ours.Id, ResultFormat.Json);
        var other = await downloads.OpenAsync(new Downloader.Client(client), theirs.Id, ResultFormat.Json);

        await AssertReadyAsync(harness, own, ours.Id);
        Assert.IsType<ResultDownload.NotFound>(other);
        var entry = Assert.Single(await harness.DownloadsLoggedAsync());
        Assert.Equal((ActorKind.ApiClient, "crm", ours.Id), (entry.ActorKind, entry.ActorName, entry.DataRequestId));
    }

    [Fact]
    public async Task OpenAsync_SignedLink_Valid_GetsTheResult_LoggedAsTheLinkMailedToTheReportAddress()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var request = await harness.Delivery.CompleteAsync(ReportAddress);

        var download = await harness.Downloads().OpenAsync(Link(harness, request.Id, TimeSpan.FromDays(1)), request.Id, ResultFormat.Json);

        await AssertReadyAsync(harness, download, request.Id);
        var entry = Assert.Single(await harness.DownloadsLoggedAsync());
        Assert.Equal((ActorKind.EmailedLink, ReportAddress, "format json"), (entry.ActorKind, entry.ActorName, entry.Detail));
    }

    [Fact]
    public async Task OpenAsync_SignedLink_ForgedOrForAnotherRequest_IsNotFound_ExpiredIsGone()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var request = await harness.Delivery.CompleteAsync(ReportAddress);
        var other = await harness.Delivery.CompleteAsync(ReportAddress, "other@example.com");
        var downloads = harness.Downloads();
        var expires = harness.Time.GetUtcNow().AddDays(1).ToUnixTimeSeconds();

        var answers = new[]
        {
            await downloads.OpenAsync(new Downloader.SignedLink(expires, "AAAA"), request.Id, ResultFormat.Json),
            await downloads.OpenAsync(new Downloader.SignedLink(null, harness.Delivery.Links().Sign(request.Id, expires)), request.Id, ResultFormat.Json),
            await downloads.OpenAsync(new Downloader.SignedLink(expires + 1, harness.Delivery.Links().Sign(request.Id, expires)), request.Id, ResultFormat.Json),
            await downloads.OpenAsync(Link(harness, other.Id, TimeSpan.FromDays(1)), request.Id, ResultFormat.Json),
            await downloads.OpenAsync(Link(harness, request.Id, TimeSpan.FromMinutes(-1)), request.Id, ResultFormat.Json),
        };

        Assert.Equal(
            [typeof(ResultDownload.NotFound), typeof(ResultDownload.NotFound), typeof(ResultDownload.NotFound), typeof(ResultDownload.NotFound), typeof(ResultDownload.Gone)],
            answers.Select(a => a.GetType()));
        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_SignedLink_GenuineButTheResultOrRequestIsNotThere_IsGone()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var request = await harness.Delivery.CompleteAsync(ReportAddress);
        var link = Link(harness, request.Id, TimeSpan.FromDays(1));
        Assert.NotNull(await new ApiClientRequests(harness.Database, harness.Delivery.Collection.Filing, harness.Delivery.Collection.Store, harness.Delivery.Collection.Notifier, harness.Clock)
            .WithdrawAsync(new ApiClient(request.TokenId, "crm"), request.Id));

        Assert.IsType<ResultDownload.Gone>(await harness.Downloads().OpenAsync(link, request.Id, ResultFormat.Json));
        Assert.IsType<ResultDownload.Gone>(await harness.Downloads().OpenAsync(Link(harness, 1234567890123456, TimeSpan.FromDays(1)), 1234567890123456, ResultFormat.Json));
    }

    [Fact]
    public async Task OpenAsync_NotCompleted_IsNotReady_ForEveryoneWhoMaySeeIt_AndNothingIsLogged()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var filing = await harness.Requests.FileAsync(Jane);
        var downloads = harness.Downloads();

        foreach (var downloader in new Downloader[] { new Downloader.StaffMember("officer@example.com"), new Downloader.DataSubject(Jane) })
        {
            foreach (var format in new[] { ResultFormat.Json, ResultFormat.Pdf })
            {
                var notReady = Assert.IsType<ResultDownload.NotReady>(await downloads.OpenAsync(downloader, filing.Request.Id, format));
                Assert.Equal(RequestState.Queued, notReady.Request.State);
            }
        }

        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_ResultExpired_IsGone_ForEveryoneWhoMaySeeIt()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var request = await harness.Delivery.CompleteAsync(ReportAddress);
        var client = new ApiClient(request.TokenId, "crm");
        var link = Link(harness, request.Id, TimeSpan.FromDays(1));
        var api = new ApiClientRequests(harness.Database, harness.Delivery.Collection.Filing, harness.Delivery.Collection.Store, harness.Delivery.Collection.Notifier, harness.Clock);
        Assert.Equal(RequestState.Expired, (await api.WithdrawAsync(client, request.Id))!.State);
        var downloads = harness.Downloads();

        foreach (var downloader in new Downloader[] { new Downloader.StaffMember("officer@example.com"), new Downloader.Client(client), link })
        {
            Assert.IsType<ResultDownload.Gone>(await downloads.OpenAsync(downloader, request.Id, ResultFormat.Json));
            Assert.IsType<ResultDownload.Gone>(await downloads.OpenAsync(downloader, request.Id, ResultFormat.Pdf));
        }

        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_CompletedButTheFileIsMissing_IsGone()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();
        var id = await CompletedSelfServiceAsync(harness, Jane);
        await harness.Delivery.Collection.Store.DeleteAsync(id);

        Assert.IsType<ResultDownload.Gone>(await harness.Downloads().OpenAsync(new Downloader.DataSubject(Jane), id, ResultFormat.Json));
        Assert.IsType<ResultDownload.Gone>(await harness.Downloads().OpenAsync(new Downloader.DataSubject(Jane), id, ResultFormat.Pdf));
        Assert.Empty(await harness.DownloadsLoggedAsync());
    }

    [Fact]
    public async Task OpenAsync_Staff_UnknownRequest_IsNotFound()
    {
        await using var harness = await SelfServiceHarness.CreateAsync();

        Assert.IsType<ResultDownload.NotFound>(await harness.Downloads().OpenAsync(new Downloader.StaffMember("officer@example.com"), 1234567890123456, ResultFormat.Json));
    }

    private static async Task<long> CompletedSelfServiceAsync(SelfServiceHarness harness, string email)
    {
        var filing = await harness.Requests.FileAsync(email);
        return (await harness.CompleteAsync(filing.Request.Id)).Id;
    }

    private static Downloader.SignedLink Link(SelfServiceHarness harness, long id, TimeSpan validFor)
    {
        var expires = harness.Time.GetUtcNow().Add(validFor).ToUnixTimeSeconds();
        return new Downloader.SignedLink(expires, harness.Delivery.Links().Sign(id, expires));
    }

    /// <summary>The download is the stored result, byte for byte.</summary>
    private static async Task<ResultDownload.Ready> AssertReadyAsync(SelfServiceHarness harness, ResultDownload download, long id)
    {
        var ready = Assert.IsType<ResultDownload.Ready>(download);
        Assert.Equal(id, ready.Request.Id);
        await using (ready.Content)
        {
            using var copy = new MemoryStream();
            await ready.Content.CopyToAsync(copy);
            Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(harness.Delivery.Collection.ResultsPath, $"{id}.json")), copy.ToArray());
        }

        return ready;
    }
}
