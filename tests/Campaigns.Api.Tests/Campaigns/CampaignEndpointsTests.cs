using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;

namespace Campaigns.Api.Tests.Campaigns;

public sealed class CampaignEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_Minimal_Answers201WithADraftAndTheDefaults()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));

        using var response = await PostAsync(client, "/api/campaigns", Valid(list));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var campaign = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        var id = campaign.GetProperty("id").GetGuid();
        Assert.Equal($"/api/campaigns/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("draft", campaign.GetProperty("status").GetString());
        Assert.Equal("March offer", campaign.GetProperty("name").GetString());
        Assert.Equal(list, campaign.GetProperty("contactListId").GetGuid());
        Assert.Equal(10, campaign.GetProperty("maxIdentical").GetInt32());
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("media").ValueKind);
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("startAt").ValueKind);
        Assert.Equal(0, campaign.GetProperty("senderIds").GetArrayLength());
        var window = campaign.GetProperty("sendWindow");
        Assert.Equal(("08:00", "20:00", "recipient"), (window.GetProperty("start").GetString(), window.GetProperty("end").GetString(), window.GetProperty("timeZone").GetString()));
        Assert.Equal(["mon", "tue", "wed", "thu", "fri", "sat", "sun"], window.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal((0, 0), (campaign.GetProperty("progress").GetProperty("total").GetInt32(), campaign.GetProperty("progress").GetProperty("rendered").GetInt32()));
        Assert.Equal(WithoutSendingProgress(campaign), WithoutSendingProgress(await GetAsync(client, id)));
    }

    [Fact]
    public async Task Create_EveryField_IsStoredAsGiven()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var disposeClient = client;
        var list = await ImportAsync(client, Csv(3));
        var sender = await AddSenderAsync(api.DataSource, tenant);

        var campaign = await CreateAsync(client, Valid(list).With(
            $$$"""
            {
              "template": null,
              "media": { "type": "Document", "base64": "aGVsbG8=", "mimeType": "application/pdf", "fileName": " offer.pdf ", "caption": "{Hi|Hello} {{ first_name }}" },
              "senderIds": ["{{{sender}}}", "{{{sender}}}"],
              "sendWindow": { "start": "9:00", "end": "17:30", "days": ["fri", "Mon"], "timeZone": "africa/nairobi" },
              "startAt": "2030-03-01T09:00:00+03:00",
              "maxIdentical": 5
            }
            """));

        var media = campaign.GetProperty("media");
        Assert.Equal(("document", "base64", "offer.pdf"), (media.GetProperty("type").GetString(), media.GetProperty("source").GetString(), media.GetProperty("fileName").GetString()));
        Assert.Equal("{Hi|Hello} {{ first_name }}", media.GetProperty("caption").GetString());
        Assert.False(media.TryGetProperty("base64", out _)); // the content is not sent back
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("template").ValueKind);
        Assert.Equal([sender], campaign.GetProperty("senderIds").EnumerateArray().Select(s => s.GetGuid()));
        var window = campaign.GetProperty("sendWindow");
        Assert.Equal(("09:00", "17:30", "Africa/Nairobi"), (window.GetProperty("start").GetString(), window.GetProperty("end").GetString(), window.GetProperty("timeZone").GetString()));
        Assert.Equal(["mon", "fri"], window.GetProperty("days").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(new DateTimeOffset(2030, 3, 1, 6, 0, 0, TimeSpan.Zero), campaign.GetProperty("startAt").GetDateTimeOffset());
        Assert.Equal(5, campaign.GetProperty("maxIdentical").GetInt32());
    }

    public static TheoryData<string, string, string> WrongFields => new()
    {
        // change to a valid request, code, field
        { """{ "name": null }""", "campaign.name_required", "name" },
        { $$"""{ "name": "{{new string('n', 201)}}" }""", "campaign.name_too_long", "name" },
        { """{ "contactListId": null }""", "campaign.contact_list_required", "contactListId" },
        { """{ "contactListId": "0197a5d2-3c4e-7f00-8a1b-2c3d4e5f6a7b" }""", "campaign.unknown_contact_list", "contactListId" },
        { """{ "template": null }""", "template.empty", "template" },
        { """{ "template": "Hi {{ frist_name }}" }""", "template.unknown_variable", "template" },
        { """{ "template": "{Hi|Hello there" }""", "template.spintax_unclosed", "template" },
        { """{ "template": "Hi {{ if }}" }""", "template.syntax", "template" },
        { """{ "template": "Deal: https://bit.ly/x" }""", "template.shortener", "template" },
        { """{ "template": "{{ include 'secrets' }}" }""", "template.function_not_allowed", "template" },
        { """{ "template": "Hello there" }""", "template.variation_unreachable", "template" },
        { """{ "media": { "type": "image", "url": "https://example.com/a.jpg" } }""", "template.text_with_media", "template" },
        { """{ "template": null, "media": { "type": "sticker", "url": "https://example.com/a.webp" } }""", "media.unknown_type", "media.type" },
        { """{ "template": null, "media": { "type": "image" } }""", "media.source_missing", "media.url" },
        { """{ "template": null, "media": { "type": "document", "url": "https://example.com/a.pdf" } }""", "media.file_name_required", "media.fileName" },
        { """{ "template": null, "media": { "type": "image", "url": "http://localhost/x.png" } }""", "media.url_host_without_dot", "media.url" },
        { """{ "template": null, "media": { "type": "image", "url": "http://files/x" } }""", "media.url_host_without_dot", "media.url" },
        { """{ "template": null, "media": { "type": "image", "base64": "aGVs\nbG8=", "mimeType": "image/png" } }""", "media.base64_line_breaks", "media.base64" },
        { """{ "template": null, "media": { "type": "image", "url": "https://example.com/a.jpg", "caption": "Hi {{ nme }}" } }""", "template.unknown_variable", "media.caption" },
        { """{ "senderIds": ["0197a5d2-3c4e-7f00-8a1b-2c3d4e5f6a7b"] }""", "campaign.unknown_senders", "senderIds" },
        { """{ "sendWindow": { "start": "8am" } }""", "send_window.invalid_time", "sendWindow.start" },
        { """{ "sendWindow": { "start": "09:00", "end": "09:00" } }""", "send_window.empty", "sendWindow.end" },
        { """{ "sendWindow": { "days": ["funday"] } }""", "send_window.unknown_day", "sendWindow.days" },
        { """{ "sendWindow": { "timeZone": "Mars/Olympus" } }""", "send_window.unknown_time_zone", "sendWindow.timeZone" },
        { """{ "startAt": "2030-03-01T09:00:00" }""", "campaign.invalid_start_at", "startAt" },
        { """{ "startAt": "2020-03-01T09:00:00Z" }""", "campaign.start_in_past", "startAt" },
        { """{ "maxIdentical": 0 }""", "campaign.max_identical_out_of_range", "maxIdentical" },
    };

    [Theory]
    [MemberData(nameof(WrongFields))]
    public async Task Create_WrongField_Answers400NamingIt(string change, string code, string field)
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(11, names: 1));
        var request = Valid(list).With("""{ "template": "{Hi|Hello} {{ first_name }}" }""").With(change);

        using var response = await PostAsync(client, "/api/campaigns", request);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("campaign.invalid", field), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
        var error = Assert.Single(problem.GetProperty("problems").EnumerateArray());
        Assert.Equal((code, field), (error.GetProperty("code").GetString(), error.GetProperty("field").GetString()));
        Assert.Equal(error.GetProperty("message").GetString(), Assert.Single(problem.GetProperty("errors").GetProperty(field).EnumerateArray()).GetString());
        await AssertNoCampaignsAsync(client);
    }

    [Fact]
    public async Task Create_ManyWrongFields_ReportsThemAllAtOnce()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));

        using var response = await PostAsync(client, "/api/campaigns", Valid(list).With(
            """
            {
              "name": " ",
              "template": "Hi {{ frist_name }},\nsee https://bit.ly/x {Hi|",
              "senderIds": ["0197a5d2-3c4e-7f00-8a1b-2c3d4e5f6a7b"],
              "sendWindow": { "start": "25:00", "timeZone": "Nowhere" },
              "startAt": "tomorrow",
              "maxIdentical": 2000000
            }
            """));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("campaign.invalid", problem.GetProperty("code").GetString());
        var fields = problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["maxIdentical", "name", "sendWindow.start", "sendWindow.timeZone", "senderIds", "startAt", "template"], fields);
        var template = problem.GetProperty("problems").EnumerateArray().Where(p => p.GetProperty("field").GetString() == "template").ToArray();
        Assert.Equal(["template.unknown_variable", "template.shortener", "template.spintax_unclosed"], template.Select(p => p.GetProperty("code").GetString()));
        Assert.Equal((1, 7), (template[0].GetProperty("line").GetInt32(), template[0].GetProperty("column").GetInt32()));
        Assert.Equal("first_name", template[0].GetProperty("suggestion").GetString());
        Assert.Equal(2, template[1].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task Create_AnotherTenantsListOrSender_AnswersAsAMissingOne()
    {
        var (owner, ownerTenant) = await api.CreateTenantAsync("owner");
        using var intruder = await api.CreateTenantClientAsync("intruder");
        using var disposeOwner = owner;
        var list = await ImportAsync(owner, Csv(3));
        var sender = await AddSenderAsync(api.DataSource, ownerTenant);
        var ownList = await ImportAsync(intruder, Csv(3));

        using var theirs = await PostAsync(intruder, "/api/campaigns", Valid(list));
        using var missing = await PostAsync(intruder, "/api/campaigns", Valid(Guid.NewGuid()));
        using var theirSender = await PostAsync(intruder, "/api/campaigns", Valid(ownList).With($$"""{ "senderIds": ["{{sender}}"] }"""));

        var a = await Problem.ReadAsync(theirs, HttpStatusCode.BadRequest);
        var b = await Problem.ReadAsync(missing, HttpStatusCode.BadRequest);
        Assert.Equal(b.GetProperty("errors").GetRawText(), a.GetProperty("errors").GetRawText());
        Assert.Equal("There is no contact list with that id.", a.GetProperty("detail").GetString());
        var c = await Problem.ReadAsync(theirSender, HttpStatusCode.BadRequest);
        Assert.Equal("senderIds", c.GetProperty("field").GetString());
        Assert.Contains(sender.ToString(), c.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_AnotherTenantsCampaign_Answers404AsAMissingOne()
    {
        using var owner = await api.CreateTenantClientAsync("owner");
        using var intruder = await api.CreateTenantClientAsync("intruder");
        var id = (await CreateAsync(owner, Valid(await ImportAsync(owner, Csv(3))))).GetProperty("id").GetGuid();

        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            using var get = await intruder.GetAsync($"/api/campaigns/{target}", Cancel);
            using var patch = await PatchAsync(intruder, target, """{ "name": "mine" }""");
            using var delete = await intruder.DeleteAsync($"/api/campaigns/{target}", Cancel);
            using var prepare = await intruder.PostAsync($"/api/campaigns/{target}/prepare", null, Cancel);
            using var messages = await intruder.GetAsync($"/api/campaigns/{target}/messages", Cancel);
            foreach (var response in new[] { get, patch, delete, prepare, messages })
            {
                var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
                Assert.Equal("No campaign with that id.", problem.GetProperty("detail").GetString());
            }
        }

        Assert.Equal(0, (await intruder.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
        Assert.Equal("March offer", (await GetAsync(owner, id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task List_StatusFilterAndPaging_WalkTheTenantsCampaignsNewestFirst()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(client, Valid(list))).GetProperty("id").GetGuid());
        }

        await SetStatusAsync(api.DataSource, ids[1], "cancelled");

        var first = await client.GetFromJsonAsync<JsonElement>("/api/campaigns?limit=2", Cancel);
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/campaigns?limit=2&after={first.GetProperty("next").GetString()}", Cancel);
        var drafts = await client.GetFromJsonAsync<JsonElement>("/api/campaigns?status=draft", Cancel);
        var cancelled = await client.GetFromJsonAsync<JsonElement>("/api/campaigns?status=Cancelled", Cancel);

        var all = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(c => c.GetProperty("id").GetGuid());
        Assert.Equal(Enumerable.Reverse(ids), all);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
        Assert.Equal([ids[2], ids[0]], drafts.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.Equal([ids[1]], cancelled.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("sent")]
    [InlineData("1")]
    public async Task List_UnknownStatus_Answers400NamingIt(string status)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.GetAsync($"/api/campaigns?status={status}", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(("campaign.unknown_status", "status"), (problem.GetProperty("code").GetString(), problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task Patch_SomeFields_ChangesThemAndKeepsTheRest()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));
        var created = await CreateAsync(client, Valid(list).With(
            """{ "startAt": "2030-03-01T09:00:00Z", "sendWindow": { "timeZone": "Europe/London" }, "maxIdentical": 4 }"""));
        var id = created.GetProperty("id").GetGuid();

        using var response = await PatchAsync(client, id, """{ "name": "April offer", "startAt": null, "maxIdentical": null }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("April offer", patched.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, patched.GetProperty("startAt").ValueKind); // null clears
        Assert.Equal(10, patched.GetProperty("maxIdentical").GetInt32()); // null restores the default
        Assert.Equal(created.GetProperty("template").GetString(), patched.GetProperty("template").GetString()); // absent keeps
        Assert.Equal("Europe/London", patched.GetProperty("sendWindow").GetProperty("timeZone").GetString());
        Assert.Equal(created.GetProperty("createdAt").GetDateTimeOffset(), patched.GetProperty("createdAt").GetDateTimeOffset());
        Assert.True(patched.GetProperty("updatedAt").GetDateTimeOffset() > created.GetProperty("updatedAt").GetDateTimeOffset());
        Assert.Equal(WithoutSendingProgress(patched), WithoutSendingProgress(await GetAsync(client, id)));
    }

    [Fact]
    public async Task Patch_MergePatchContentType_AbsentKeepsAndNullClears()
    {
        var (client, tenant) = await api.CreateTenantAsync();
        using var disposeClient = client;
        var sender = await AddSenderAsync(api.DataSource, tenant);
        var list = await ImportAsync(client, Csv(3));
        var created = await CreateAsync(client, Valid(list).With($$"""{ "senderIds": ["{{sender}}"], "startAt": "2030-03-01T09:00:00Z" }"""));
        var id = created.GetProperty("id").GetGuid();

        using var body = new StringContent("""{ "senderIds": null, "name": "Merged" }""", System.Text.Encoding.UTF8, "application/merge-patch+json");
        using var response = await client.PatchAsync($"/api/campaigns/{id}", body, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var patched = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal(0, patched.GetProperty("senderIds").GetArrayLength()); // null clears
        Assert.Equal("Merged", patched.GetProperty("name").GetString());
        Assert.Equal(created.GetProperty("startAt").GetString(), patched.GetProperty("startAt").GetString()); // absent keeps
    }

    [Fact]
    public async Task Patch_TextToMedia_NeedsTheTemplateCleared()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))))).GetProperty("id").GetGuid();
        const string media = """ "media": { "type": "image", "url": "https://example.com/a.jpg", "caption": "Hi {{ first_name }}" } """;

        using var refused = await PatchAsync(client, id, $"{{ {media} }}");
        using var accepted = await PatchAsync(client, id, $"{{ {media}, \"template\": null }}");

        var problem = await Problem.ReadAsync(refused, HttpStatusCode.BadRequest);
        Assert.True(problem.TryGetProperty("field", out var field), problem.GetRawText());
        Assert.Equal("template", field.GetString());
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var campaign = await accepted.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("url", campaign.GetProperty("media").GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, campaign.GetProperty("template").ValueKind);
    }

    [Fact]
    public async Task Patch_InvalidChange_Answers400AndChangesNothing()
    {
        using var client = await api.CreateTenantClientAsync();
        var created = await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))));
        var id = created.GetProperty("id").GetGuid();

        using var response = await PatchAsync(client, id, """{ "name": "Renamed", "template": "Hi {{ nme }}", "sendWindow": { "days": [] } }""");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(["sendWindow.days", "template"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(WithoutSendingProgress(created), WithoutSendingProgress(await GetAsync(client, id)));
    }

    [Fact]
    public async Task Patch_StartAtAlreadyPassed_IsKeptWhenNotChanged()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))).With("""{ "startAt": "2030-03-01T09:00:00Z" }"""))).GetProperty("id").GetGuid();
        await using (var command = api.DataSource.CreateCommand("update campaigns.campaigns set start_at = '2021-01-01T00:00:00Z' where id = $1"))
        {
            command.Parameters.Add(new() { Value = id });
            await command.ExecuteNonQueryAsync(Cancel);
        }

        using var rename = await PatchAsync(client, id, """{ "name": "Renamed" }""");
        using var restate = await PatchAsync(client, id, """{ "startAt": "2021-01-01T00:00:01Z" }""");

        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
        var problem = await Problem.ReadAsync(restate, HttpStatusCode.BadRequest);
        Assert.Equal("startAt", problem.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("preparing")]
    [InlineData("ready")]
    [InlineData("running")]
    public async Task Patch_NotADraft_Answers409(string status)
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))))).GetProperty("id").GetGuid();
        await SetStatusAsync(api.DataSource, id, status);

        using var response = await PatchAsync(client, id, """{ "name": "Renamed" }""");

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(("campaign.not_draft", status), (problem.GetProperty("code").GetString(), problem.GetProperty("campaignStatus").GetString()));
        Assert.Contains($"is {status}", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("draft", HttpStatusCode.NoContent)]
    [InlineData("ready", HttpStatusCode.NoContent)]
    [InlineData("preparing", HttpStatusCode.Conflict)]
    [InlineData("running", HttpStatusCode.Conflict)]
    [InlineData("cancelled", HttpStatusCode.Conflict)]
    public async Task Delete_ByStatus_RemovesOnlyCampaignsThatSentNothing(string status, HttpStatusCode expected)
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await CreateAsync(client, Valid(await ImportAsync(client, Csv(3))))).GetProperty("id").GetGuid();
        await SetStatusAsync(api.DataSource, id, status);

        using var response = await client.DeleteAsync($"/api/campaigns/{id}", Cancel);
        using var get = await client.GetAsync($"/api/campaigns/{id}", Cancel);

        if (expected == HttpStatusCode.NoContent)
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
            await Problem.ReadAsync(get, HttpStatusCode.NotFound);
        }
        else
        {
            var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
            Assert.Equal("campaign.not_deletable", problem.GetProperty("code").GetString());
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        }
    }

    [Fact]
    public async Task DeleteList_UsedByADraft_LeavesTheDraftWithoutAList()
    {
        using var client = await api.CreateTenantClientAsync();
        var list = await ImportAsync(client, Csv(3));
        var id = (await CreateAsync(client, Valid(list))).GetProperty("id").GetGuid();

        using var deleted = await client.DeleteAsync($"/api/contact-lists/{list}", Cancel);
        using var prepare = await client.PostAsync($"/api/campaigns/{id}/prepare", null, Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await GetAsync(client, id)).GetProperty("contactListId").ValueKind);
        var problem = await Problem.ReadAsync(prepare, HttpStatusCode.BadRequest);
        Assert.Equal("contactListId", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Create_BodyNotJson_Answers400Problem()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/campaigns", new StringContent("{ not json", System.Text.Encoding.UTF8, "application/json"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.unreadable", problem.GetProperty("code").GetString());
        Assert.Contains("LineNumber: 0", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FieldOfTheWrongType_Answers400Problem()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await PostAsync(client, "/api/campaigns", Valid(Guid.NewGuid()).With("""{ "maxIdentical": "ten" }"""));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("request.unreadable", problem.GetProperty("code").GetString());
        Assert.Contains("$.maxIdentical", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheCampaignEndpointsAndStatusesByName()
    {
        using var client = api.Factory.CreateClient();

        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json", Cancel);

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/campaigns/{id}/prepare", out var prepare));
        Assert.True(prepare.GetProperty("post").GetProperty("responses").TryGetProperty("202", out _));
        Assert.True(paths.GetProperty("/api/campaigns/{id}").TryGetProperty("patch", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Contains("preparing", schemas.GetProperty("CampaignStatus").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.True(schemas.GetProperty("UpdateCampaignRequest").GetProperty("properties").TryGetProperty("sendWindow", out _));
    }

    private static async Task AssertNoCampaignsAsync(HttpClient client) =>
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/campaigns", Cancel)).GetProperty("items").GetArrayLength());
}
