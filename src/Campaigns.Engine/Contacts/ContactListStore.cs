using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Tenants;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Contacts;

/// <summary>Reads and deletes a tenant's contact lists. Another tenant's list is as absent as one that never existed.</summary>
internal sealed class ContactListStore(NpgsqlDataSource dataSource)
{
    private const string ListColumns =
        "id, name, file_name, default_region, phone_column, columns, row_count, imported, invalid, duplicates, suppressed, created_at";

    /// <summary>Newest first; <paramref name="before"/> is the id of the last list of the previous page.</summary>
    public async Task<IReadOnlyList<ContactList>> ListAsync(
        TenantId tenant, int limit, ContactListId? before, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            select {ListColumns} from campaigns.contact_lists
             where tenant_id = $1
               and ($2::uuid is null or (created_at, id) < (select created_at, id from campaigns.contact_lists where id = $2 and tenant_id = $1))
             order by created_at desc, id desc
             limit $3
            """);
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = before is { } b ? b.Value : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var lists = new List<ContactList>();
        while (await reader.ReadAsync(cancellationToken))
        {
            lists.Add(ReadList(reader));
        }

        return lists;
    }

    public async Task<ContactList?> FindAsync(TenantId tenant, ContactListId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            $"select {ListColumns} from campaigns.contact_lists where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadList(reader) : null;
    }

    /// <summary>Contacts ordered by phone; <paramref name="after"/> is the last phone of the previous page (keyset paging).</summary>
    public async Task<IReadOnlyList<Contact>> ContactsAsync(
        ContactListId list, int limit, string? after, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select phone, line, fields from campaigns.contacts
             where list_id = $1 and ($2::text is null or phone > $2)
             order by phone
             limit $3
            """);
        command.Parameters.Add(new() { Value = list.Value });
        command.Parameters.Add(new() { Value = (object?)after ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var contacts = new List<Contact>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)) ?? [];
            contacts.Add(new Contact(reader.GetString(0), reader.GetInt32(1), fields));
        }

        return contacts;
    }

    /// <summary>The rows of the import that were not used, in file order, streamed.</summary>
    public IAsyncEnumerable<ImportRowError> ErrorsAsync(ContactListId list, CancellationToken cancellationToken) =>
        ErrorsAsync(list, afterLine: null, limit: null, cancellationToken);

    /// <summary>
    /// The rows of the import that were not used, in file order, streamed: all of them, or a page of at most
    /// <paramref name="limit"/> after line <paramref name="afterLine"/> (the last line of the previous page).
    /// </summary>
    public async IAsyncEnumerable<ImportRowError> ErrorsAsync(
        ContactListId list,
        int? afterLine,
        int? limit,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            select line, value, reason from campaigns.contact_import_errors
             where list_id = $1 and ($2::integer is null or line > $2)
             order by line
             limit $3
            """);
        command.Parameters.Add(new() { Value = list.Value });
        command.Parameters.Add(new() { Value = afterLine is { } line ? line : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
        command.Parameters.Add(new() { Value = limit is { } size ? size : DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer }); // null: no limit
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ImportRowError(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>
    /// Deletes a list with its contacts and import report, unless a campaign that is not a draft and not finished uses it
    /// (then <see cref="ContactListErrors.InUse"/> names them): such a campaign would still send to its numbers. A draft
    /// loses its list (<c>contact_list_id</c> null) and must name another before it can be prepared. The list row is
    /// locked first and the campaigns read after, in one transaction, and starting a prepare locks the list row too
    /// (<c>CampaignStore.BeginPreparingAsync</c>), so a prepare that begins meanwhile is either seen here or finds the list gone.
    /// </summary>
    public async Task<Result<ContactListId>> DeleteAsync(TenantId tenant, ContactListId id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockList = new NpgsqlCommand(
            "select 1 from campaigns.contact_lists where tenant_id = $1 and id = $2 for update", connection, transaction))
        {
            lockList.Parameters.Add(new() { Value = tenant.Value });
            lockList.Parameters.Add(new() { Value = id.Value });
            if (await lockList.ExecuteScalarAsync(cancellationToken) is null)
            {
                return ContactListErrors.NotFound();
            }
        }

        var users = new List<ListUser>();
        await using (var inUse = new NpgsqlCommand(
            """
            select id, name, status from campaigns.campaigns
             where contact_list_id = $1 and status in ('preparing', 'ready', 'running', 'paused')
             order by created_at, id
            """, connection, transaction))
        {
            inUse.Parameters.Add(new() { Value = id.Value });
            await using var reader = await inUse.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                users.Add(new ListUser(new CampaignId(reader.GetGuid(0)), reader.GetString(1), StatusText.ParseCampaignStatus(reader.GetString(2))));
            }
        }

        if (users.Count > 0)
        {
            return ContactListErrors.InUse(users);
        }

        await using (var delete = new NpgsqlCommand("delete from campaigns.contact_lists where id = $1", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = id.Value });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    private static ContactList ReadList(NpgsqlDataReader reader) => new(
        new ContactListId(reader.GetGuid(0)),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4),
        reader.GetFieldValue<string[]>(5),
        reader.GetInt32(6),
        reader.GetInt32(7),
        reader.GetInt32(8),
        reader.GetInt32(9),
        reader.GetInt32(10),
        reader.GetFieldValue<Instant>(11));
}
