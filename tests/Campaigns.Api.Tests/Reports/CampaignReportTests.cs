using System.Net;
using static Campaigns.Api.Tests.Campaigns.CampaignRequests;
using static Campaigns.Api.Tests.Reports.ReportKit;

namespace Campaigns.Api.Tests.Reports;

public sealed class CampaignReportTests(ApiFixture api) : IClassFixture<ApiFixture>
{
    private const string List =
        "phone,First Name,note\n" +
        "+254700000000,Ann,\"+cmd|' /C calc'!A0\"\n" +
        "+254700000001,=1+1,@SUM(A1)\n" +
        "+254700000002,-2,\"\t=x\"\n" +
        "+254700000003,Dee,+5511999999999\n" +
        "+254700000004,Eve,ok\n";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Report_EveryRecipient_ListColumnsStatusTimesAndErrorWithFormulasDefused()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await ArrangeAsync(client);

        using var response = await client.GetAsync($"/api/campaigns/{id}/report.csv", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "phone,First Name,note,status,sent_at,delivered_at,read_at,replied_at,error,error_message",
                "+254700000000,Ann,'+cmd|' /C calc'!A0,read,2026-03-01T09:00:00Z,2026-03-01T09:00:05.123456Z,2026-03-01T09:01:00Z,2026-03-01T09:02:00Z,,",
                "+254700000001,'=1+1,'@SUM(A1),failed,2026-03-01T09:00:00Z,,,,gateway.delivery_error,'-1 is not deliverable",
                "+254700000002,'-2,'\t=x,skipped,,,,,opted_out,STOP",
                "+254700000003,Dee,+5511999999999,pending,,,,,,",
                "+254700000004,Eve,ok,pending,,,,,,",
            ],
            lines);
    }

    [Fact]
    public async Task Report_Unreached_KeepsOnlyTheRecipientsNotReachedAndNotRefusedByRule()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await ArrangeAsync(client);
        await using (var suppress = api.DataSource.CreateCommand(
            "insert into campaigns.suppressions (tenant_id, phone) select tenant_id, '+254700000004' from campaigns.campaigns where id = $1"))
        {
            suppress.Parameters.Add(new() { Value = id });
            await suppress.ExecuteNonQueryAsync(Cancel);
        }

        using var response = await client.GetAsync($"/api/campaigns/{id}/report.csv?status=unreached", Cancel);

        var lines = (await response.Content.ReadAsStringAsync(Cancel)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["+254700000001", "+254700000003"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public async Task Report_UnknownFilterOrAnotherTenantsCampaign_AnswersProblems()
    {
        using var client = await api.CreateTenantClientAsync();
        var id = await PreparedAsync(client, Csv(1));
        using var intruder = await api.CreateTenantClientAsync("intruder");

        using var badFilter = await client.GetAsync($"/api/campaigns/{id}/report.csv?status=sent", Cancel);
        using var foreign = await intruder.GetAsync($"/api/campaigns/{id}/report.csv", Cancel);

        Assert.Equal("status", (await Problem.ReadAsync(badFilter, HttpStatusCode.BadRequest)).GetProperty("field").GetString());
        await Problem.ReadAsync(foreign, HttpStatusCode.NotFound);
    }

    private async Task<Guid> ArrangeAsync(HttpClient client)
    {
        var id = await PreparedAsync(client, List);
        await SetAsync(api.DataSource, id, "+254700000000",
            "status = 'read', sent_at = '2026-03-01T09:00:00Z', delivered_at = '2026-03-01T09:00:05.123456Z', read_at = '2026-03-01T09:01:00Z', replied_at = '2026-03-01T09:02:00Z'");
        await SetAsync(api.DataSource, id, "+254700000001",
            "status = 'failed', sent_at = '2026-03-01T09:00:00Z', error_code = 'gateway.delivery_error', error = '-1 is not deliverable'");
        await SetAsync(api.DataSource, id, "+254700000002", "status = 'skipped', skip_code = 'opted_out', skip_reason = 'STOP'");
        return id;
    }
}
