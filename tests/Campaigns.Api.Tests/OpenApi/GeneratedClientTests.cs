using System.Text;
using Newtonsoft.Json;

namespace Campaigns.Api.Tests.OpenApi;

/// <summary>
/// The OpenAPI document proven the way a user finds its faults: a client generated from it (NSwag) must compile, read
/// every problem as a typed exception, take the import's optional fields as optional, answer the errors CSV as a file,
/// read and write enums by name, and send only the fields a request sets.
/// </summary>
public sealed class GeneratedClientTests(GeneratedClientFixture generated) : IClassFixture<GeneratedClientFixture>
{
    private const string Csv = "first_name,phone\nAnn,+254712345678\nBob,not a number\n";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public void Generate_FromTheDocument_CompilesWithoutErrors()
    {
        Assert.True(generated.Errors.Count == 0, string.Join(Environment.NewLine, generated.Errors.Take(10)));
        Assert.NotNull(generated.Client.GetType($"{GeneratedClientFixture.Namespace}.CampaignsClient"));
    }

    [Fact]
    public async Task GetCampaign_UnknownId_ThrowsApiExceptionOfProblemWithItsCode()
    {
        using var http = await generated.Api.CreateTenantClientAsync();
        dynamic client = generated.New("CampaignsClient", http);

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () => await client.GetCampaignAsync(Guid.NewGuid(), Cancel));

        Assert.Equal(generated.Type("ApiException`1").MakeGenericType(generated.Type("Problem")), exception.GetType());
        dynamic thrown = exception;
        Assert.Equal(404, (int)thrown.StatusCode);
        Assert.Equal("not_found", (string)thrown.Result.Code);
        Assert.Equal(404, (int)thrown.Result.Status);
    }

    [Fact]
    public async Task CreateCampaign_Invalid_ThrowsProblemWithTheMessagesOfEachField()
    {
        using var http = await generated.Api.CreateTenantClientAsync();
        dynamic client = generated.New("CampaignsClient", http);
        dynamic request = generated.New("CreateCampaignRequest");
        request.Template = "Hello";

        var exception = await Assert.ThrowsAnyAsync<Exception>(async () => await client.CreateCampaignAsync(request, Cancel));

        Assert.Equal(generated.Type("ApiException`1").MakeGenericType(generated.Type("Problem")), exception.GetType());
        dynamic problem = ((dynamic)exception).Result;
        Assert.Equal("campaign.invalid", (string)problem.Code);
        var errors = (IDictionary<string, ICollection<string>>)problem.Errors;
        Assert.NotEmpty(errors["name"]);
        Assert.NotEmpty(errors["contactListId"]);
    }

    [Fact]
    public async Task ImportContactList_FileOnly_LeavesTheOptionalFieldsOut()
    {
        using var http = await generated.Api.CreateTenantClientAsync();
        dynamic client = generated.New("CampaignsClient", http);
        var import = generated.Type("CampaignsClient").GetMethod("ImportContactListAsync")!;
        Assert.All(
            import.GetParameters().Where(p => p.Name is "name" or "defaultRegion" or "phoneColumn"),
            p => Assert.True(p.HasDefaultValue, $"{p.Name} is not optional"));

        dynamic list = await client.ImportContactListAsync(file: File("march.csv"), cancellationToken: Cancel);

        Assert.Equal("march.csv", (string)list.Name);
        Assert.Equal(1, (int)list.Imported);
    }

    [Fact]
    public async Task GetImportErrors_AnswersTheCsvAsAFile()
    {
        using var http = await generated.Api.CreateTenantClientAsync();
        dynamic client = generated.New("CampaignsClient", http);
        dynamic list = await client.ImportContactListAsync(file: File("march.csv"), cancellationToken: Cancel);
        var errors = generated.Type("CampaignsClient").GetMethod("GetImportErrorsAsync")!;
        Assert.Equal(typeof(Task<>).MakeGenericType(generated.Type("FileResponse")), errors.ReturnType);

        dynamic file = await client.GetImportErrorsAsync((Guid)list.Id, Cancel);

        using (file)
        {
            using var reader = new StreamReader((Stream)file.Stream, Encoding.UTF8);
            var lines = (await reader.ReadToEndAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("line,value,reason", lines[0]);
            Assert.StartsWith("3,not a number,", lines[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CreateCampaign_Status_IsAnEnumReadAndWrittenByName()
    {
        using var http = await generated.Api.CreateTenantClientAsync();
        dynamic client = generated.New("CampaignsClient", http);
        dynamic list = await client.ImportContactListAsync(file: File("march.csv"), cancellationToken: Cancel);
        dynamic request = generated.New("CreateCampaignRequest");
        request.Name = "March";
        request.ContactListId = (Guid?)(Guid)list.Id;
        request.Template = "Hello {{ first_name }}";

        dynamic campaign = await client.CreateCampaignAsync(request, Cancel);

        object status = campaign.Status;
        Assert.Equal(generated.Type("CampaignStatus"), status.GetType());
        Assert.Equal("Draft", status.ToString());
        Assert.Contains("\"status\":\"draft\"", JsonConvert.SerializeObject((object)campaign), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RegisterGatewayRequest")]
    [InlineData("RegisterSenderRequest")]
    [InlineData("UpdateSenderRequest")]
    [InlineData("CreateCampaignRequest")]
    [InlineData("UpdateCampaignRequest")]
    [InlineData("PreviewRequest")]
    [InlineData("MediaRequest")]
    [InlineData("SendWindowRequest")]
    public void Request_NothingSet_SendsNoField(string type)
    {
        // A field left out is not a field sent as null: for a merge-patch, null clears.
        Assert.Equal("{}", JsonConvert.SerializeObject(generated.New(type)));
    }

    private dynamic File(string name) =>
        generated.New("FileParameter", new MemoryStream(Encoding.UTF8.GetBytes(Csv)), name, "text/csv");
}
