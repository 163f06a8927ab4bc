using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Campaigns.Tests.Shared;

namespace Campaigns.Api.Tests.ContactLists;

public sealed class ContactListEndpointsTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private const string Csv =
        "first_name,Phone Number,city\n" +
        "Ann,0712 345 678,Nairobi\n" +
        "Bob,254722000111,Mombasa\n" +
        "Ann again,+254712345678,Nairobi\n" +
        "Cy,not a number,Kisumu\n" +
        "Di,+44 7911 123456,London\n";

    [Fact]
    public async Task Import_Csv_Answers201WithCounts()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv(Csv, "march.csv"), Cancel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var list = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("march.csv", list.GetProperty("name").GetString());
        Assert.Equal(5, list.GetProperty("rows").GetInt32());
        Assert.Equal(3, list.GetProperty("imported").GetInt32());
        Assert.Equal(1, list.GetProperty("invalid").GetInt32());
        Assert.Equal(1, list.GetProperty("duplicates").GetInt32());
        Assert.Equal(0, list.GetProperty("suppressed").GetInt32());
        Assert.Equal(["first_name", "Phone Number", "city"], list.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("Phone Number", list.GetProperty("phoneColumn").GetString());
        Assert.Equal($"/api/contact-lists/{list.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Import_FormFields_NameRegionAndPhoneColumnAreUsed()
    {
        using var client = await api.CreateTenantClientAsync();
        const string csv = "home,cell\n0712345678,07911 123456\n";

        using var response = await client.PostAsync(
            "/api/contact-lists",
            Upload.Csv(csv, "uk.csv", ("name", "UK customers"), ("defaultRegion", "GB"), ("phoneColumn", "cell")),
            Cancel);

        var list = await response.Content.ReadFromJsonAsync<JsonElement>(Cancel);
        Assert.Equal("UK customers", list.GetProperty("name").GetString());
        Assert.Equal("GB", list.GetProperty("defaultRegion").GetString());
        var contacts = await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{list.GetProperty("id")}/contacts", Cancel);
        Assert.Equal("+447911123456", contacts.GetProperty("items")[0].GetProperty("phone").GetString());
    }

    [Fact]
    public async Task Get_ImportedList_AnswersTheSameFields()
    {
        using var client = await api.CreateTenantClientAsync();
        var created = await ImportAsync(client, Csv);

        var list = await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{created.GetProperty("id")}", Cancel);

        Assert.Equal(created.GetRawText(), list.GetRawText());
    }

    [Fact]
    public async Task Contacts_KeysetPaging_WalksEveryContactOnceInPhoneOrder()
    {
        using var client = await api.CreateTenantClientAsync();
        var csv = "name,phone\n" + string.Concat(Enumerable.Range(0, 25).Select(i => $"n{i},07{12000000 + (i * 7919)}\n"));
        var id = (await ImportAsync(client, csv)).GetProperty("id").GetGuid();

        var phones = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var url = $"/api/contact-lists/{id}/contacts?limit=10" + (after is null ? "" : $"&after={Uri.EscapeDataString(after)}");
            var page = await client.GetFromJsonAsync<JsonElement>(url, Cancel);
            phones.AddRange(page.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("phone").GetString()!));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal(25, phones.Count);
        Assert.Equal(phones.Order(StringComparer.Ordinal), phones);
        Assert.Equal(25, phones.Distinct().Count());
    }

    [Fact]
    public async Task Contacts_FieldsHoldTheOtherColumnsByHeaderName()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await ImportAsync(client, "First Name,phone,Last Order\nAnn,0712345678,2026-01-05\n")).GetProperty("id");

        var contact = (await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists/{id}/contacts", Cancel)).GetProperty("items")[0];

        Assert.Equal("+254712345678", contact.GetProperty("phone").GetString());
        Assert.Equal("Ann", contact.GetProperty("fields").GetProperty("First Name").GetString());
        Assert.Equal("2026-01-05", contact.GetProperty("fields").GetProperty("Last Order").GetString());
        Assert.False(contact.GetProperty("fields").TryGetProperty("phone", out _));
    }

    [Fact]
    public async Task Errors_AnswersCsvWithPhysicalLines()
    {
        using var client = await api.CreateTenantClientAsync();
        const string csv = "name,phone,note\n\"Ann\",0712345678,\"multi\nline, \"\"quoted\"\"\"\nBob,=cmd,x\nCy,0712345678,y\n";
        var id = (await ImportAsync(client, csv)).GetProperty("id");

        using var response = await client.GetAsync($"/api/contact-lists/{id}/errors", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("line,value,reason", lines[0]);
        Assert.Equal("4,'=cmd,not a phone number: it contains letters", lines[1]);
        Assert.Equal("5,0712345678,duplicate of line 2", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public async Task Errors_HostileCells_AreNeutralisedButNumbersAreNot()
    {
        using var client = await api.CreateTenantClientAsync();
        const string csv = "name,phone\nA,\"+cmd|' /C calc'!A0\"\nB,=1+1\nC,@SUM(A1)\nD,-2\nE,\"\r=x\"\nF,+254712345678\nG,+254712345678\n";
        var id = (await ImportAsync(client, csv)).GetProperty("id");

        using var response = await client.GetAsync($"/api/contact-lists/{id}/errors", Cancel);

        var text = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("\n2,'+cmd|' /C calc'!A0,", text, StringComparison.Ordinal);
        Assert.Contains("\n3,'=1+1,", text, StringComparison.Ordinal);
        Assert.Contains("\n4,'@SUM(A1),", text, StringComparison.Ordinal);
        Assert.Contains("\n5,'-2,", text, StringComparison.Ordinal);
        Assert.Contains("\n6,\"'\r=x\",", text, StringComparison.Ordinal);
        Assert.Contains("\n9,+254712345678,duplicate of line 8", text, StringComparison.Ordinal); // the quoted \r took a line
    }

    [Fact]
    public async Task ErrorRows_KeysetPaging_WalksEveryUnusedRowOnceInLineOrderWithCellsAsWritten()
    {
        using var client = await api.CreateTenantClientAsync();
        const string csv = "name,phone,note\n\"Ann\",0712345678,\"multi\nline\"\nBob,=cmd,x\nCy,0712345678,y\nDi,12,z\nEd,\"a, \"\"b\"\"\",w\n";
        var id = (await ImportAsync(client, csv)).GetProperty("id");

        var rows = new List<(int Line, string? Value, string? Reason)>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonElement>(
                $"/api/contact-lists/{id}/error-rows?limit=2" + (after is null ? "" : $"&after={after}"), Cancel);
            rows.AddRange(page.GetProperty("items").EnumerateArray().Select(e =>
                (e.GetProperty("line").GetInt32(), e.GetProperty("value").GetString(), e.GetProperty("reason").GetString())));
            after = page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null && pages < 10);

        Assert.Equal([4, 5, 6, 7], rows.Select(r => r.Line));
        Assert.Equal(["=cmd", "0712345678", "12", "a, \"b\""], rows.Select(r => r.Value)); // not defused: JSON is no spreadsheet
        Assert.Equal("duplicate of line 2", rows[1].Reason);
        Assert.Equal(3, pages); // 2 + 2 + an empty last page
    }

    [Fact]
    public async Task ErrorRows_CursorNotALine_Answers400NamingAfter()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await ImportAsync(client, Csv)).GetProperty("id");

        using var response = await client.GetAsync($"/api/contact-lists/{id}/error-rows?after=abc", Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("after", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task List_NewestFirstWithPaging()
    {
        using var client = await api.CreateTenantClientAsync();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await ImportAsync(client, "phone\n0712345678\n")).GetProperty("id").GetGuid());
        }

        var first = await client.GetFromJsonAsync<JsonElement>("/api/contact-lists?limit=2", Cancel);
        var second = await client.GetFromJsonAsync<JsonElement>($"/api/contact-lists?limit=2&after={first.GetProperty("next").GetString()}", Cancel);

        var seen = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(l => l.GetProperty("id").GetGuid());
        Assert.Equal(Enumerable.Reverse(ids), seen);
        Assert.Equal(JsonValueKind.Null, second.GetProperty("next").ValueKind);
    }

    [Fact]
    public async Task Delete_List_ThenItIsGone()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = (await ImportAsync(client, Csv)).GetProperty("id");

        using var deleted = await client.DeleteAsync($"/api/contact-lists/{id}", Cancel);
        using var get = await client.GetAsync($"/api/contact-lists/{id}", Cancel);
        using var again = await client.DeleteAsync($"/api/contact-lists/{id}", Cancel);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await Problem.ReadAsync(get, HttpStatusCode.NotFound);
        await Problem.ReadAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnotherTenantsList_AnswersExactlyAsAMissingOne()
    {
        using var owner = await api.CreateTenantClientAsync("owner");
        using var intruder = await api.CreateTenantClientAsync("intruder");
        var id = (await ImportAsync(owner, Csv)).GetProperty("id").GetGuid();

        foreach (var target in new[] { id, Guid.NewGuid() })
        {
            foreach (var url in new[] { $"/api/contact-lists/{target}", $"/api/contact-lists/{target}/contacts", $"/api/contact-lists/{target}/errors", $"/api/contact-lists/{target}/error-rows" })
            {
                using var response = await intruder.GetAsync(url, Cancel);
                var problem = await Problem.ReadAsync(response, HttpStatusCode.NotFound);
                Assert.Equal("No contact list with that id.", problem.GetProperty("detail").GetString());
            }

            using var delete = await intruder.DeleteAsync($"/api/contact-lists/{target}", Cancel);
            await Problem.ReadAsync(delete, HttpStatusCode.NotFound);
        }

        var lists = await intruder.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel);
        Assert.Equal(0, lists.GetProperty("items").GetArrayLength());
        using var stillThere = await owner.GetAsync($"/api/contact-lists/{id}", Cancel);
        Assert.Equal(HttpStatusCode.OK, stillThere.StatusCode);
    }

    [Fact]
    public async Task Import_NoPhoneColumn_Answers400ListingTheColumnsSeen()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv("name,city\nAnn,Nairobi\n"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("import.no_phone_column", problem.GetProperty("code").GetString());
        Assert.Equal("phoneColumn", problem.GetProperty("field").GetString());
        Assert.Equal(["name", "city"], problem.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        await AssertNoListsAsync(client);
    }

    [Theory]
    [InlineData("", "import.empty")]
    [InlineData("Ann,0712345678\n", "import.no_header")]
    [InlineData("PK\u0003\u0004binary", "import.not_csv")]
    public async Task Import_UnusableFile_Answers400AndStoresNothing(string content, string code)
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/contact-lists", Upload.Bytes(Encoding.Latin1.GetBytes(content)), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.Equal("file", problem.GetProperty("field").GetString());
        await AssertNoListsAsync(client);
    }

    [Fact]
    public async Task Import_UnknownRegion_Answers400NamingTheField()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv(Csv, "x.csv", ("defaultRegion", "XY")), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("defaultRegion", problem.GetProperty("field").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("defaultRegion", out _));
    }

    [Fact]
    public async Task Import_WithoutFile_Answers400NamingTheField()
    {
        using var client = await api.CreateTenantClientAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "name" } };

        using var response = await client.PostAsync("/api/contact-lists", form, Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("file", problem.GetProperty("field").GetString());
    }

    [Fact]
    public async Task Import_NotMultipart_Answers400()
    {
        using var client = await api.CreateTenantClientAsync();

        using var response = await client.PostAsync("/api/contact-lists", new StringContent(Csv, Encoding.UTF8, "text/csv"), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("import.not_multipart", problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Import_OverTheSizeLimit_Answers413AndStoresNothing()
    {
        using var client = await api.CreateTenantClientAsync();
        var big = "name,phone\n" + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"n{i},07{10000000 + i}\n"));
        Assert.True(big.Length > ApiFixture.UploadLimit * 2);

        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv(big), Cancel);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal("import.too_large", problem.GetProperty("code").GetString());
        await AssertNoListsAsync(client);
    }

    [Fact]
    public async Task Sample_ImportsWithTheDocumentedCounts()
    {
        using var client = await api.CreateTenantClientAsync();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(PostgresServer.RepositoryRoot(), "samples", "contacts.csv"), Cancel);

        var list = await ImportAsync(client, Encoding.UTF8.GetString(bytes));

        // The sample's own header comment documents these counts; see samples/README.md.
        Assert.Equal(150, list.GetProperty("rows").GetInt32());
        Assert.Equal(132, list.GetProperty("imported").GetInt32());
        Assert.Equal(10, list.GetProperty("invalid").GetInt32());
        Assert.Equal(8, list.GetProperty("duplicates").GetInt32());
    }

    private static async Task<JsonElement> ImportAsync(HttpClient client, string csv)
    {
        using var response = await client.PostAsync("/api/contact-lists", Upload.Csv(csv), Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement;
    }

    private static async Task AssertNoListsAsync(HttpClient client)
    {
        var lists = await client.GetFromJsonAsync<JsonElement>("/api/contact-lists", Cancel);
        Assert.Equal(0, lists.GetProperty("items").GetArrayLength());
    }
}
