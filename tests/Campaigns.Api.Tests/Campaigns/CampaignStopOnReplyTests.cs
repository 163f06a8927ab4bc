using System.Text.Json;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Campaigns;

public sealed class CampaignStopOnReplyTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Create_WithoutStopOnReply_False()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(2));

        var campaign = await CreateAsync(client, Valid(list));

        Assert.False(campaign.GetProperty("stopOnReply").GetBoolean());
    }

    [Fact]
    public async Task CreatePatchGet_StopOnReply_StoredAndChanged()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(2));

        var created = await CreateAsync(client, Valid(list).With("""{ "stopOnReply": true }"""));
        var id = created.GetProperty("id").GetGuid();
        Assert.True(created.GetProperty("stopOnReply").GetBoolean());
        Assert.True((await GetAsync(client, id)).GetProperty("stopOnReply").GetBoolean());

        using (var rename = await PatchAsync(client, id, """{ "name": "Renamed" }"""))
        {
            Assert.True(JsonDocument.Parse(await rename.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("stopOnReply").GetBoolean());
        }

        using var off = await PatchAsync(client, id, """{ "stopOnReply": false }""");
        Assert.False((await GetAsync(client, id)).GetProperty("stopOnReply").GetBoolean());
    }
}
