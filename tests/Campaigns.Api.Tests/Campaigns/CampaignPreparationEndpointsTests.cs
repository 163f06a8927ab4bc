using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Suppressions;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Campaigns;

/// <summary>Preview and prepare: what the API renders, stores, and says about the variation rule.</summary>
public sealed class CampaignPreparationEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_List_RendersTheFirstContactsWithTheVariablesAndTheStatisticsOfTheWholeList()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(30, names: 3));

        using var response = await PostAsync(client, "/api/campaigns/preview", new JsonObject
        {
            ["contactListId"] = list,
            ["template"] = "{Hi|Hello} {{ first_name }} of {{ city }} ({{ phone }})",
            ["count"] = 4,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var messages = preview.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal([Phone(0), Phone(1), Phone(2), Phone(3)], messages.Select(m => m.GetProperty("phone").GetString()));
        Assert.All(messages, m => Assert.Equal("ready", m.GetProperty("status").GetString()));
        Assert.Matches(@"^(Hi|Hello) Name0 of Nairobi \(\+254700000000\)$", messages[0].GetProperty("text").GetString());
        Assert.Equal(2, messages[0].GetProperty("line").GetInt32());
        var variables = preview.GetProperty("variables").EnumerateArray().Select(v => (v.GetProperty("name").GetString(), v.GetProperty("column").GetString()));
        Assert.Equal([("first_name", "First Name"), ("city", "city"), ("phone", "phone")], variables);
        var variation = preview.GetProperty("variation");
        Assert.True(variation.GetProperty("ruleHolds").GetBoolean());
        var statistics = variation.GetProperty("statistics");
        Assert.Equal(30, statistics.GetProperty("recipients").GetInt64());
        Assert.Equal(30, statistics.GetProperty("distinctBodies").GetInt64()); // the phone number makes every text distinct
        Assert.Equal(1, statistics.GetProperty("largestShare").GetInt32());
        Assert.Equal(JsonValueKind.Null, variation.GetProperty("shortfall").ValueKind);
    }

    [Fact]
    public async Task Preview_SharedTexts_CountsDistinctBodiesAndTheLargestShare()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(30, names: 3));

        var preview = await PreviewAsync(client, new JsonObject { ["contactListId"] = list, ["template"] = "Hello {{ first_name }}" });

        var statistics = preview.GetProperty("variation").GetProperty("statistics");
        Assert.Equal((3L, 10), (statistics.GetProperty("distinctBodies").GetInt64(), statistics.GetProperty("largestShare").GetInt32()));
        Assert.Equal(5, preview.GetProperty("messages").GetArrayLength()); // the default count
    }

    [Fact]
    public async Task Preview_RuleCannotHold_SaysWhatIsNeededAndWhatTheTemplateCanMake()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(25, names: 1));

        var preview = await PreviewAsync(client, new JsonObject { ["contactListId"] = list, ["template"] = "{Hi|Hello} {{ first_name }}", ["count"] = 25 });

        var variation = preview.GetProperty("variation");
        Assert.False(variation.GetProperty("ruleHolds").GetBoolean());
        var shortfall = variation.GetProperty("shortfall");
        Assert.Equal(("template.variation_unreachable", "template"), (shortfall.GetProperty("code").GetString(), shortfall.GetProperty("field").GetString()));
        Assert.Equal((3L, 2L), (shortfall.GetProperty("neededBodies").GetInt64(), shortfall.GetProperty("possibleBodies").GetInt64()));
        Assert.Equal(5, variation.GetProperty("statistics").GetProperty("overLimit").GetInt64());
        Assert.Equal(5, preview.GetProperty("messages").EnumerateArray().Count(m => m.GetProperty("status").GetString() == "overLimit"));
    }

    [Fact]
    public async Task Preview_Count_IsCappedAt50()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(60));

        var preview = await PreviewAsync(client, new JsonObject { ["contactListId"] = list, ["template"] = "Hi {{ first_name }}", ["count"] = 1000 });

        Assert.Equal(50, preview.GetProperty("messages").GetArrayLength());
        Assert.Equal(60, preview.GetProperty("variation").GetProperty("statistics").GetProperty("recipients").GetInt64());
    }

    [Fact]
    public async Task Preview_SkippedRecipients_SayWhy()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var disposeClient = client;
        var list = await ImportAsync(client, "phone,note\n0712000001,Hello\n0712000002,\n0712000003,Hi\n");
        await new SuppressionStore(api.DataSource).AddAsync(tenant, ["+254712000003"], "manual", Cancel);

        var preview = await PreviewAsync(client, new JsonObject { ["contactListId"] = list, ["template"] = "{{ note }}" });

        var messages = preview.GetProperty("messages").EnumerateArray().ToArray();
        Assert.Equal(["ready", "skipped", "skipped"], messages.Select(m => m.GetProperty("status").GetString()));
        Assert.Equal([null, "render.empty", "recipient.suppressed"], messages.Select(m => m.GetProperty("skipCode").GetString()));
        Assert.Equal(2, preview.GetProperty("variation").GetProperty("statistics").GetProperty("skipped").GetInt64());
    }

    [Fact]
    public async Task Preview_InvalidTemplate_Answers400WithEveryProblem()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));

        using var response = await PostAsync(client, "/api/campaigns/preview", new JsonObject
        {
            ["contactListId"] = list,
            ["media"] = new JsonObject { ["type"] = "document", ["url"] = "https://example.com/a.pdf", ["caption"] = "Hi {{ frist_name }} {a|" },
        });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["media.caption", "media.fileName"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, problem.GetProperty("problems").GetArrayLength());
    }

    [Fact]
    public async Task Preview_AnotherTenantsList_AnswersAsAMissingOne()
    {
        using var owner = await api.CreateTenantClientAsync("owner");
        using var intruder = await api.CreateTenantClientAsync("intruder");
        var list = await ImportAsync(owner, Csv(3));

        using var response = await PostAsync(intruder, "/api/campaigns/preview", new JsonObject { ["contactListId"] = list, ["template"] = "Hi" });

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("There is no contact list with that id.", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Prepare_Draft_Answers202ThenBecomesReadyWithEveryMessageAndItsHash()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(40, names: 4));
        var id = (await CreateAsync(client, Valid(list).With("""{ "template": "{Hi|Hello|Hey} {{ first_name }}, {a deal|an offer} for you." }"""))).GetProperty("id").GetGuid();

        using var response = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/campaigns/{id}", response.Headers.Location?.OriginalString);
        var accepted = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Contains(accepted.GetProperty("status").GetString(), new[] { "preparing", "ready" });
        Assert.Equal(40, accepted.GetProperty("progress").GetProperty("total").GetInt32());

        var ready = await WaitForAsync(client, id, "ready");
        Assert.Equal(40, ready.GetProperty("progress").GetProperty("rendered").GetInt32());
        var result = ready.GetProperty("prepareResult");
        Assert.Equal((40L, 40L, 0L, 0L), (result.GetProperty("recipients").GetInt64(), result.GetProperty("ready").GetInt64(), result.GetProperty("skipped").GetInt64(), result.GetProperty("overLimit").GetInt64()));
        Assert.True(result.GetProperty("largestShare").GetInt32() <= 10);
        Assert.Equal(JsonValueKind.Null, ready.GetProperty("prepareError").ValueKind);

        var messages = await MessagesAsync(client, id);
        Assert.Equal(40, messages.Count);
        Assert.Equal(40, messages.Select(m => m.GetProperty("phone").GetString()).Distinct().Count());
        foreach (var message in messages)
        {
            Assert.Equal("pending", message.GetProperty("status").GetString());
            var body = message.GetProperty("body").GetString()!;
            var normalised = SHA256.HashData(Encoding.UTF8.GetBytes(MessageBody.Normalize(body)));
            Assert.Equal(Convert.ToHexStringLower(normalised), message.GetProperty("bodyHash").GetString());
        }

        Assert.True(messages.GroupBy(m => m.GetProperty("bodyHash").GetString()).Max(g => g.Count()) <= 10);
    }

    [Fact]
    public async Task Delete_ReadyCampaign_DeletesItsMessages()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(12, names: 12));
        var id = (await CreateAsync(client, Valid(list))).GetProperty("id").GetGuid();
        using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        await WaitForAsync(client, id, "ready");
        Assert.Equal(12L, await CountMessagesAsync(id));

        using var deleted = await client.DeleteAsync($"/api/campaigns/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(0L, await CountMessagesAsync(id));
    }

    [Fact]
    public async Task DeleteList_UsedByAReadyCampaign_Answers409NamingItUntilTheCampaignIsBackToDraft()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(12, names: 12));
        var id = (await CreateAsync(client, Valid(list))).GetProperty("id").GetGuid();
        using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        await WaitForAsync(client, id, "ready");

        using var refused = await client.DeleteAsync($"/api/contact-lists/{list}", Cancel);

        var problem = await Problem.ReadAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("contact_list.in_use", problem.GetProperty("code").GetString());
        var named = Assert.Single(problem.GetProperty("campaigns").EnumerateArray());
        Assert.Equal((id, "ready"), (named.GetProperty("id").GetGuid(), named.GetProperty("status").GetString()));
        Assert.Equal(12L, await CountMessagesAsync(id));

        using var back = await client.PostAsync($"/api/campaigns/{id}/draft", null, Cancel);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        var draft = await back.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal(0L, await CountMessagesAsync(id));

        using var deleted = await client.DeleteAsync($"/api/contact-lists/{list}", Cancel);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
    }

    [Fact]
    public async Task BackToDraft_Preparing_StopsThePrepareSoTheCampaignCanBeChanged()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(12, names: 12));
        var id = (await CreateAsync(client, Valid(list))).GetProperty("id").GetGuid();
        await using (var blocker = await api.DataSource.OpenConnectionAsync(Cancel))
        {
            // The list cannot be read while this transaction lasts: the prepare is stuck, as with a pathological template.
            await using var hold = await blocker.BeginTransactionAsync(Cancel);
            await using (var lockTable = new Npgsql.NpgsqlCommand("lock table campaigns.contacts in access exclusive mode", blocker, hold))
            {
                await lockTable.ExecuteNonQueryAsync(Cancel);
            }

            using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
            Assert.Equal(HttpStatusCode.Accepted, prepare.StatusCode);

            using var back = await client.PostAsync($"/api/campaigns/{id}/draft", null, Cancel);

            Assert.Equal(HttpStatusCode.OK, back.StatusCode);
            Assert.Equal("draft", (await back.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("status").GetString());
            using var patch = await PatchAsync(client, id, """{ "name": "Fixed typo" }""");
            Assert.Equal(HttpStatusCode.OK, patch.StatusCode);
        }

        Assert.Equal(0L, await CountMessagesAsync(id));
        using var again = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await WaitForAsync(client, id, "ready");
        Assert.Equal(12L, await CountMessagesAsync(id));
    }

    [Fact]
    public async Task BackToDraft_Draft_Answers409()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))))).GetProperty("id").GetGuid();

        using var response = await client.PostAsync($"/api/campaigns/{id}/draft", null, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("campaign.invalid_transition", "draft"), (problem.GetProperty("code").GetString(), problem.GetProperty("campaignStatus").GetString()));
    }

    private async Task<long> CountMessagesAsync(Guid campaign)
    {
        await using var command = api.DataSource.CreateCommand("select count(*) from campaigns.messages where campaign_id = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = campaign });
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }

    [Fact]
    public async Task Prepare_WithCampaignIdInPreview_StoresWhatThePreviewShowed()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(12, names: 12));
        const string template = "{Hi|Hello|Hey|Good day} {{ first_name }}, {{ pick [\"deal\", \"offer\", \"treat\"] }} inside.";
        var id = (await CreateAsync(client, Valid(list).With($$"""{ "template": {{JsonSerializer.Serialize(template)}} }"""))).GetProperty("id").GetGuid();
        var preview = await PreviewAsync(client, new JsonObject { ["contactListId"] = list, ["template"] = template, ["count"] = 12, ["campaignId"] = id });

        using var _ = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        await WaitForAsync(client, id, "ready");

        var shown = preview.GetProperty("messages").EnumerateArray().Select(m => (m.GetProperty("phone").GetString(), m.GetProperty("text").GetString()));
        var stored = (await MessagesAsync(client, id)).Select(m => (m.GetProperty("phone").GetString(), m.GetProperty("body").GetString()));
        Assert.Equal(shown, stored);
    }

    [Fact]
    public async Task Prepare_RuleCannotHold_GoesBackToDraftSayingWhatIsNeeded()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(30, names: 1));
        var id = (await CreateAsync(client, Valid(list).With("""{ "template": "{Hi|Hello} {{ first_name }}" }"""))).GetProperty("id").GetGuid();

        using var response = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var draft = await WaitForDraftWithErrorAsync(client, id);

        var error = draft.GetProperty("prepareError");
        Assert.Equal("template.variation_unreachable", error.GetProperty("code").GetString());
        Assert.Equal((3L, 2L, 10), (error.GetProperty("neededBodies").GetInt64(), error.GetProperty("possibleBodies").GetInt64(), error.GetProperty("maxIdentical").GetInt32()));
        Assert.Contains("Add variants", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(30, draft.GetProperty("progress").GetProperty("rendered").GetInt32());
        Assert.Equal(10, draft.GetProperty("prepareResult").GetProperty("overLimit").GetInt64());
        Assert.Empty(await MessagesAsync(client, id));

        // Changing the draft clears the stale error; then the campaign can be prepared.
        using var patch = await PatchAsync(client, id, """{ "template": "{Hi|Hello|Hey} {{ first_name }}" }""");
        Assert.Equal(JsonValueKind.Null, (await patch.Content.ReadFromJsonAsync<JsonElement>(Cancel)).GetProperty("prepareError").ValueKind);
        using var again = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        await WaitForAsync(client, id, "ready");
        Assert.Equal(30, (await MessagesAsync(client, id)).Count);
    }

    [Fact]
    public async Task Prepare_NotADraft_Answers409()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))))).GetProperty("id").GetGuid();
        using var first = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        await WaitForAsync(client, id, "ready");

        using var second = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);

        var problem = await Problem.ReadAsync(second, HttpStatusCode.Conflict);
        Assert.Equal(("campaign.not_draft", "ready"), (problem.GetProperty("code").GetString(), problem.GetProperty("campaignStatus").GetString()));
        Assert.Equal(3, (await MessagesAsync(client, id)).Count);
    }

    [Fact]
    public async Task Messages_StatusFilterAndPaging_WalkEveryMessageOnce()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, "phone,note\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"{Phone(i)},{(i % 5 == 0 ? "" : "note " + i)}\n")));
        var id = (await CreateAsync(client, Valid(list).With("""{ "template": "{{ note }}" }"""))).GetProperty("id").GetGuid();
        using var _ = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);
        await WaitForAsync(client, id, "ready");

        var first = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns/{id}/messages?limit=10", Cancel);
        var skipped = await MessagesAsync(client, id, "&status=skipped");
        var all = await MessagesAsync(client, id);

        Assert.Equal(10, first.GetProperty("items").GetArrayLength());
        Assert.Equal(Phone(9), first.GetProperty("items")[9].GetProperty("phone").GetString());
        Assert.Equal(25, all.Count);
        Assert.Equal(5, skipped.Count);
        Assert.All(skipped, m => Assert.Equal(("render.empty", JsonValueKind.Null), (m.GetProperty("skipCode").GetString(), m.GetProperty("body").ValueKind)));
    }

    [Fact]
    public async Task Messages_UnknownStatus_Answers400NamingIt()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))))).GetProperty("id").GetGuid();

        using var response = await client.GetAsync($"/api/campaigns/{id}/messages?status=bounced", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("message.unknown_status", "status"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        Assert.Contains("pending, skipped, queued", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> PreviewAsync(HttpClient client, JsonObject request)
    {
        using var response = await PostAsync(client, "/api/campaigns/preview", request);
        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }

    private static async Task<JsonElement> WaitForDraftWithErrorAsync(HttpClient client, Guid id)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (true)
        {
            var campaign = await GetAsync(client, id);
            if (campaign.GetProperty("status").GetString() == "draft" && campaign.GetProperty("prepareError").ValueKind != JsonValueKind.Null)
            {
                return campaign;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"No prepare error after 20 s: {campaign}");
            await Task.Delay(25, Cancel);
        }
    }
}
