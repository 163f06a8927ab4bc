using Campaigns.Engine.Precheck;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Direct;
using Campaigns.Engine.Media;
using Campaigns.Engine.Tests.Dispatch;
using Campaigns.Tests.Shared;
using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;

namespace Campaigns.Engine.Tests.Direct;

/// <summary>The direct-send service on a test class's database, and requests and rows its tests read.</summary>
internal static class DirectKit
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public static DirectSendService Service(TestDatabase database, DirectSendOptions? options = null) =>
        new(database.DataSource, new DirectSendStore(database.DataSource), new BackgroundJobClient(database.JobStorage),
            DispatchKit.Wrap(options ?? new DirectSendOptions()), DispatchKit.Wrap(new MediaOptions()), DispatchKit.Wrap(new PrecheckOptions()), NullLogger<DirectSendService>.Instance);

    public static DirectSendRequest Request(string number, string text = "Your order 1234 has shipped", TestSender? sender = null, string? key = null) =>
        new(sender is null ? null : new SenderId(sender.Id), number, text, null, "KE", key);

    public static Task<DirectSendAccepted> SendAsync(DirectSendService service, Guid tenant, DirectSendRequest request) =>
        SendOkAsync(service, new TenantId(tenant), request);

    private static async Task<DirectSendAccepted> SendOkAsync(DirectSendService service, TenantId tenant, DirectSendRequest request)
    {
        var result = await service.SendAsync(tenant, request, Cancel);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.ToString());
        return result.Value;
    }

    /// <summary>The tenant's direct campaigns: origin, phone, sender, status, body, jid, in order of creation.</summary>
    public static async Task<IReadOnlyList<(string Origin, string Phone, Guid Sender, string Status, string Body, string? Jid)>> DirectAsync(
        DispatchKit kit, Guid tenant)
    {
        await using var command = kit.DataSource.CreateCommand(
            """
            select k.origin, m.phone, m.sender_id, m.status, m.body, m.jid
              from campaigns.campaigns k join campaigns.messages m on m.campaign_id = k.id
             where k.tenant_id = $1 and k.kind = 'direct' order by k.created_at, k.id
            """);
        command.Parameters.Add(new() { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var rows = new List<(string, string, Guid, string, string, string?)>();
        while (await reader.ReadAsync(Cancel))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetGuid(2), reader.GetString(3), reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5)));
        }

        return rows;
    }
}
