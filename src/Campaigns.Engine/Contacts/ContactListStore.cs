using System.Text.Json;
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
    public async IAsyncEnumerable<ImportRowError> ErrorsAsync(
        ContactListId list, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "select line, value, reason from campaigns.contact_import_errors where list_id = $1 order by line");
        command.Parameters.Add(new() { Value = list.Value });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new ImportRowError(reader.GetInt32(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetString(2));
        }
    }

    /// <summary>Deletes a list with its contacts and import report; false when the tenant has no such list.</summary>
    public async Task<bool> DeleteAsync(TenantId tenant, ContactListId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("delete from campaigns.contact_lists where tenant_id = $1 and id = $2");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = id.Value });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
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
