using Campaigns.Tests.Shared;
using Npgsql;

namespace Campaigns.Engine.Tests.Database;

/// <summary>
/// Migration 0004: contacts and messages have no foreign key to their list or campaign (PostgreSQL checks one row by
/// row, and both are written by bulk COPY); delete triggers on the parents keep the cascades. The schema test fails
/// while a key is there; the delete tests fail when a trigger is missing.
/// </summary>
public sealed class DeleteCascadeTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Schema_ContactsAndMessages_HaveNoForeignKeys()
    {
        await using var command = database.DataSource.CreateCommand(
            """
            select conrelid::regclass::text || ' -> ' || confrelid::regclass::text
              from pg_constraint
             where contype = 'f' and conrelid in ('campaigns.contacts'::regclass, 'campaigns.messages'::regclass, 'campaigns.contact_import_errors'::regclass)
             order by 1
            """);
        var keys = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(Cancel))
        {
            while (await reader.ReadAsync(Cancel))
            {
                keys.Add(reader.GetString(0));
            }
        }

        // The import's error rows are few, so they keep theirs.
        Assert.Equal(["campaigns.contact_import_errors -> campaigns.contact_lists"], keys);
    }

    [Fact]
    public async Task DeleteList_DeletesItsContactsAndErrorsOnly()
    {
        var tenant = await TenantAsync();
        var deleted = await ListAsync(tenant, contacts: 3);
        var kept = await ListAsync(tenant, contacts: 2);

        await ExecuteAsync("delete from campaigns.contact_lists where id = $1", deleted);

        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contacts where list_id = $1", deleted));
        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contact_import_errors where list_id = $1", deleted));
        Assert.Equal(2L, await CountAsync("select count(*) from campaigns.contacts where list_id = $1", kept));
        Assert.Equal(1L, await CountAsync("select count(*) from campaigns.contact_import_errors where list_id = $1", kept));
    }

    [Fact]
    public async Task DeleteTenant_DeletesTheContactsOfEveryListAndTheMessagesOfEveryCampaign()
    {
        var tenant = await TenantAsync();
        var other = await TenantAsync();
        Guid[] lists = [await ListAsync(tenant, contacts: 3), await ListAsync(tenant, contacts: 4)];
        Guid[] campaigns = [await CampaignAsync(tenant, messages: 3), await CampaignAsync(tenant, messages: 5)];
        var otherList = await ListAsync(other, contacts: 2);
        var otherCampaign = await CampaignAsync(other, messages: 2);

        await ExecuteAsync("delete from campaigns.tenants where id = $1", tenant);

        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.contacts where list_id = any($1)", lists));
        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.messages where campaign_id = any($1)", campaigns));
        Assert.Equal(2L, await CountAsync("select count(*) from campaigns.contacts where list_id = $1", otherList));
        Assert.Equal(2L, await CountAsync("select count(*) from campaigns.messages where campaign_id = $1", otherCampaign));
    }

    [Fact]
    public async Task DeleteCampaigns_SeveralInOneStatement_DeletesTheirMessagesOnly()
    {
        var tenant = await TenantAsync();
        Guid[] deleted = [await CampaignAsync(tenant, messages: 4), await CampaignAsync(tenant, messages: 6)];
        var kept = await CampaignAsync(tenant, messages: 3);

        await ExecuteAsync("delete from campaigns.campaigns where id = any($1)", deleted);

        Assert.Equal(0L, await CountAsync("select count(*) from campaigns.messages where campaign_id = any($1)", deleted));
        Assert.Equal(3L, await CountAsync("select count(*) from campaigns.messages where campaign_id = $1", kept));
    }

    private async Task<Guid> TenantAsync()
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("insert into campaigns.tenants (id, name) values ($1, 'test')", id);
        return id;
    }

    /// <summary>A list with <paramref name="contacts"/> contacts and one import error.</summary>
    private async Task<Guid> ListAsync(Guid tenant, int contacts)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            "insert into campaigns.contact_lists (id, tenant_id, name, default_region, phone_column, columns) values ($1, $2, 'list', 'KE', 'phone', '{phone}')",
            id, tenant);
        await ExecuteAsync(
            "insert into campaigns.contacts (list_id, phone, line, fields) select $1, '+2547' || lpad(n::text, 8, '0'), n + 1, '{}' from generate_series(1, $2) n",
            id, contacts);
        await ExecuteAsync("insert into campaigns.contact_import_errors (list_id, line, value, reason) values ($1, 99, 'x', 'invalid')", id);
        return id;
    }

    /// <summary>A ready campaign without a list, with <paramref name="messages"/> messages.</summary>
    private async Task<Guid> CampaignAsync(Guid tenant, int messages)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            insert into campaigns.campaigns (id, tenant_id, name, template, window_starts, window_ends, window_days, window_time_zone,
                                             max_identical, status, created_at, updated_at)
            values ($1, $2, 'campaign', 'Hi', '{08:00}', '{20:00}', '{1,2,3,4,5,6,7}', 'recipient', 10, 'ready', now(), now())
            """,
            id, tenant);
        await ExecuteAsync(
            """
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash)
            select $1, '+2547' || lpad(n::text, 8, '0'), n + 1, 'pending', 'Hi', sha256('Hi') from generate_series(1, $2) n
            """,
            id, messages);
        return id;
    }

    private async Task ExecuteAsync(string sql, params object[] values)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync(Cancel);
    }

    private async Task<long> CountAsync(string sql, object value)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = value });
        return (long)(await command.ExecuteScalarAsync(Cancel))!;
    }
}
