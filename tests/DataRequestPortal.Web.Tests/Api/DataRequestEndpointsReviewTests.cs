using System.Net;
using System.Security.Cryptography;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Core.Review;
using DataRequestPortal.Core.Tests.TestSupport;
using DataRequestPortal.Web.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using static DataRequestPortal.Web.Tests.TestSupport.ApiCalls;

namespace DataRequestPortal.Web.Tests.Api;

/// <summary>An API client whose requests are reviewed: while in review, every call answers as for a request not ready yet.</summary>
public class DataRequestEndpointsReviewTests
{
    [Fact]
    public async Task InReview_StatusGetAndData_AnswerNotReadyYet_UntilReleased()
    {
        await using var factory = new PortalFactory { Settings = { ["Review:Required:Api"] = "true" } };
        var token = await factory.IssueTokenAsync();
        var client = factory.CreateApiClient(token.PlainText);
        var id = CreatedId(await client.PostAsync("/v2/datarequest", Form(("email", "jane.doe@example.com"))));
        await Eventually.ReadAsync(() => factory.LoadRequestAsync(id), r => r.State == RequestState.InReview, r => $"Request {id} is {r.State}");

        var status = await JsonBodyAsync(await client.GetAsync($"/v2/datarequest/{id}/status"));
        Assert.Equal(("pending", 0L), (status.GetProperty("status").GetString(), status.GetProperty("available").GetInt64()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, status.GetProperty("sha256").ValueKind);
        var document = await JsonBodyAsync(await client.GetAsync($"/v1/datarequest/{id}"));
        Assert.Equal("Data not available (yet).", document.GetProperty("data").GetString());
        await ErrorAsync(await client.GetAsync($"/v2/datarequest/{id}/data"), HttpStatusCode.NotFound, "not_ready");
        await ErrorAsync(await client.GetAsync($"/v2/datarequest/{id}/pdf"), HttpStatusCode.NotFound, "not_ready");

        var request = await factory.LoadRequestAsync(id);
        await factory.Services.GetRequiredService<ResultReviews>().ReleaseAsync(request.Id, RequestActions.LastEntryId(request), Actor.Staff("officer@example.com"));

        await WaitForStatusAsync(client, id);
        var data = await client.GetAsync($"/v2/datarequest/{id}/data");
        Assert.Equal(HttpStatusCode.OK, data.StatusCode);
        var released = await factory.LoadRequestAsync(id);
        Assert.Equal(released.Result!.Sha256, Convert.ToHexStringLower(SHA256.HashData(await data.Content.ReadAsByteArrayAsync())));
    }
}
