using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;
using static Campaigns.Api.Tests.Reports.ReportKit;

namespace Campaigns.Api.Tests.Reports;

public sealed class CampaignRetryTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Retry_CancelledCampaign_NewListOfTheUnreachedWithTheirColumnsAndADraftLikeTheCampaign()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var _ = client;
        var sender = await AddSenderAsync(api.DataSource, tenant);
        var list = await ImportAsync(client, Csv(7));
        var id = (await CreateAsync(client, Valid(list).With(
            $$"""{ "senderIds": ["{{sender}}"], "sendWindow": { "start": "09:00", "end": "17:00", "timeZone": "Africa/Nairobi" }, "maxIdentical": 3 }""")))
            .GetProperty("id").GetGuid();
        using (var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel))
        {
            await WaitForAsync(client, id, "ready");
        }

        await SetStatusAsync(api.DataSource, id, "cancelled");
        await SetAsync(api.DataSource, id, Phone(0), "status = 'read', sent_at = now()");
        await SetAsync(api.DataSource, id, Phone(1), "status = 'failed', error_code = 'gateway.delivery_error'");
        await SetAsync(api.DataSource, id, Phone(2), "status = 'skipped', skip_code = 'opted_out', skip_reason = 'STOP'");
        await SetAsync(api.DataSource, id, Phone(3), "status = 'cancelled'");
        await SetAsync(api.DataSource, id, Phone(4), "status = 'failed', error_code = 'gateway.not_on_whatsapp'");
        await SetAsync(api.DataSource, id, Phone(5), "status = 'unknown', error_code = 'dispatch.unknown'");
        await SetAsync(api.DataSource, id, Phone(6), "status = 'skipped', skip_code = 'not_on_whatsapp', skip_reason = 'not on WhatsApp'");

        using var response = await client.PostAsync($"/api/campaigns/{id}/retry", null, Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var retry = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var draftId = retry.GetProperty("campaignId").GetGuid();
        var listId = retry.GetProperty("contactListId").GetGuid();
        Assert.Equal(3, retry.GetProperty("recipients").GetInt32());
        Assert.Equal($"/api/campaigns/{draftId}", response.Headers.Location?.OriginalString);
        var contacts = (await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{listId}/contacts", Cancel)).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal([Phone(1), Phone(3), Phone(5)], contacts.Select(c => c.GetProperty("phone").GetString()));
        Assert.Equal(["Name1", "Name3", "Name5"], contacts.Select(c => c.GetProperty("fields").GetProperty("First Name").GetString()));
        var original = await GetAsync(client, id);
        var draft = await GetAsync(client, draftId);
        Assert.Equal(("draft", listId), (draft.GetProperty("status").GetString(), draft.GetProperty("contactListId").GetGuid()));
        foreach (var field in new[] { "template", "media", "senderIds", "sendWindow", "maxIdentical" })
        {
            Assert.Equal(original.GetProperty(field).GetRawText(), draft.GetProperty(field).GetRawText());
        }

        using (var prepareDraft = await client.PostAsync($"/api/campaigns/{draftId}/prepare", null, Cancel))
        {
            var ready = await WaitForAsync(client, draftId, "ready");
            Assert.Equal(3, ready.GetProperty("counts").GetProperty("pending").GetInt32());
        }
    }

    [Theory]
    [InlineData("running")]
    [InlineData("paused")]
    [InlineData("ready")]
    public async Task Retry_CampaignNotEnded_Answers409(string status)
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(2));
        await SetStatusAsync(api.DataSource, id, status);

        using var response = await client.PostAsync($"/api/campaigns/{id}/retry", null, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("campaign.not_ended", status), (problem.GetProperty("code").GetString(), problem.GetProperty("campaignStatus").GetString()));
    }

    [Fact]
    public async Task Retry_EveryoneReached_Answers409AndMakesNothing()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(1));
        await SetStatusAsync(api.DataSource, id, "completed");
        await SetAsync(api.DataSource, id, Phone(0), "status = 'delivered', sent_at = now()");
        var lists = (await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel)).GetProperty("items").GetArrayLength();

        using var response = await client.PostAsync($"/api/campaigns/{id}/retry", null, Cancel);

        Assert.Equal("campaign.nothing_to_retry", (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).GetProperty("code").GetString());
        Assert.Equal(lists, (await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel)).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Retry_AnotherTenantsCampaign_Answers404()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(1));
        await SetStatusAsync(api.DataSource, id, "cancelled");
        using var intruder = await api.CreateTenantClientAsync("intruder");

        using var response = await intruder.PostAsync($"/api/campaigns/{id}/retry", null, Cancel);

        await Problem.ReadAsync(response, HttpStatusCode.NotFound);
    }
}
