using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Tests.Campaigns;
using Campaigns.Tests.Shared;
using Npgsql;

namespace Campaigns.Engine.Tests.Contacts;

public sealed class ContactListStoreTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    private ContactListStore Lists => new(database.DataSource);

    [Theory]
    [InlineData(CampaignStatus.Preparing)]
    [InlineData(CampaignStatus.Ready)]
    [InlineData(CampaignStatus.Running)]
    [InlineData(CampaignStatus.Paused)]
    public async Task DeleteAsync_UsedByACampaignThatIsNotADraft_IsRefusedNamingIt(CampaignStatus status)
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hello {{ city }}");
        await SetStatusAsync(campaign, status);

        var result = await Lists.DeleteAsync(tenant, list.Id, Cancel);

        Assert.Equal("contact_list.in_use", result.Error.Code);
        var named = Assert.Single((IEnumerable<Dictionary<string, object?>>)result.Error.Details["campaigns"]!);
        Assert.Equal((campaign.Id.Value, StatusText.Name(status)), ((Guid)named["id"]!, (string)named["status"]!));
        Assert.NotNull(await Lists.FindAsync(tenant, list.Id, Cancel));
    }

    [Theory]
    [InlineData(CampaignStatus.Draft)]
    [InlineData(CampaignStatus.Completed)]
    [InlineData(CampaignStatus.Cancelled)]
    public async Task DeleteAsync_UsedOnlyByADraftOrAFinishedCampaign_DeletesIt(CampaignStatus status)
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        var campaign = await _kit.DraftAsync(tenant, list, "Hello {{ city }}");
        await SetStatusAsync(campaign, status);

        var result = await Lists.DeleteAsync(tenant, list.Id, Cancel);

        Assert.True(result.IsSuccess);
        Assert.Null(await Lists.FindAsync(tenant, list.Id, Cancel));
        Assert.Null((await _kit.FindAsync(campaign)).ContactList);
    }

    [Fact]
    public async Task DeleteAsync_WhileAPrepareIsStarting_WaitsForItAndIsRefused()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        var campaign = await _kit.DraftAsync(tenant, list, "Hello {{ city }}");
        await using var prepare = await database.DataSource.OpenConnectionAsync(Cancel);
        await using var starting = await prepare.BeginTransactionAsync(Cancel);
        // What starting a prepare does, caught halfway: the list row held, the campaign moved, nothing committed yet.
        await ExecuteAsync(prepare, starting, "select 1 from campaigns.contact_lists where id = $1 for share", list.Id.Value);
        await ExecuteAsync(prepare, starting, "update campaigns.campaigns set status = 'preparing' where id = $1", campaign.Id.Value);

        var delete = Lists.DeleteAsync(tenant, list.Id, Cancel);
        await Task.Delay(300, Cancel);
        Assert.False(delete.IsCompleted); // it waits for the prepare's lock on the list
        await starting.CommitAsync(Cancel);

        var result = await delete;
        Assert.Equal("contact_list.in_use", result.Error.Code);
        Assert.NotNull(await Lists.FindAsync(tenant, list.Id, Cancel));
    }

    [Fact]
    public async Task PrepareAsync_ListDeletedWhileItStarts_IsRefusedAndTheCampaignStaysADraft()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        var campaign = await _kit.DraftAsync(tenant, list, "Hello {{ city }}");
        await using var deleter = await database.DataSource.OpenConnectionAsync(Cancel);
        await using var deleting = await deleter.BeginTransactionAsync(Cancel);
        // A delete that has passed its check and not committed: the prepare's checks still see the list.
        await ExecuteAsync(deleter, deleting, "delete from campaigns.contact_lists where id = $1", list.Id.Value);

        var prepare = _kit.Service.PrepareAsync(tenant, campaign.Id, Cancel);
        await Task.Delay(300, Cancel);
        await deleting.CommitAsync(Cancel);

        var result = await prepare;
        Assert.Equal("campaign.invalid", result.Error.Code);
        Assert.Contains("no contact list", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(CampaignStatus.Draft, (await _kit.FindAsync(campaign)).Status);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Guid id)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new() { Value = id });
        await command.ExecuteNonQueryAsync(Cancel);
    }

    private Task SetStatusAsync(Campaign campaign, CampaignStatus status) =>
        _kit.ExecuteAsync($"update campaigns.campaigns set status = '{StatusText.Name(status)}' where id = $1", campaign);
}
