using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Precheck;
using Campaigns.Engine.Templates;
using Hangfire;
using NodaTime;
using Npgsql;

namespace Campaigns.Engine.Reports;

/// <summary>
/// Test sends (<c>POST /api/campaigns/{id}/test</c>): the campaign's message, rendered for each number with that
/// number's own row of the list when it is in it, else with the list's first row, goes out now through the same
/// pre-check, claim, pacing and daily cap as every send. A test is a hidden child campaign (<c>kind</c> 'test',
/// <c>parent_id</c>, migration 0019) created <c>running</c> with its messages queued on the campaign's usable senders,
/// a window open all day (now means now) and the campaign's media: dispatch needs nothing new, and the campaign's own
/// counts, report and messages never see it. Listings and statistics leave tests out; the claim neither applies the
/// recipient's period to a test nor records one (testing a number twice in a day is what tests are for), and the child
/// completes like any campaign once its messages are settled.
/// </summary>
internal sealed class CampaignTests(
    NpgsqlDataSource dataSource,
    CampaignStore campaigns,
    ContactListStore lists,
    TemplateCompiler compiler,
    IBackgroundJobClient jobs,
    IClock clock)
{
    public async Task<Result<CampaignTest>> SendAsync(
        TenantId tenant, CampaignId id, IReadOnlyList<string?> numbers, string defaultRegion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(numbers);
        if (await campaigns.FindAsync(tenant, id, cancellationToken) is not { } campaign)
        {
            return CampaignErrors.NotFound();
        }

        if (numbers.Count is 0 or > TestSendErrors.MaxNumbers)
        {
            return TestSendErrors.Count(numbers.Count);
        }

        var senders = await campaigns.SenderUsabilityAsync(id, cancellationToken);
        if (senders.Count == 0)
        {
            return CampaignErrors.NoSenders(id);
        }

        var usable = senders.Where(s => s.Refusal is null).Select(s => s.Id).ToArray();
        if (usable.Length == 0)
        {
            return CampaignErrors.NoUsableSenders(id, senders.Select(s => (s.Id, s.Refusal!)).ToArray());
        }

        if (campaign.ContactList is not { } listId || await lists.FindAsync(tenant, listId, cancellationToken) is not { } list)
        {
            return TestSendErrors.NoList();
        }

        // Normalised like the list's rows: against the list's region (the request's default when it has none).
        var phones = new List<string>();
        for (var i = 0; i < numbers.Count; i++)
        {
            var phone = PhoneNormalizer.Normalize(numbers[i], PhoneNormalizer.IsSupportedRegion(list.DefaultRegion) ? list.DefaultRegion : defaultRegion);
            if (!phone.IsSuccess)
            {
                return TestSendErrors.InvalidNumber(i, phone.Error.Message);
            }

            phones.Add(phone.Value.Value);
        }

        var suppressed = await SuppressedAsync(tenant, phones, cancellationToken);
        if (phones.FindIndex(suppressed.Contains) is var at and >= 0)
        {
            return TestSendErrors.Suppressed(at);
        }

        var template = compiler.Compile(new Domain.Templates.TemplateDraft(campaign.Template, campaign.Media), CampaignValidator.Variables(list));
        if (!template.IsSuccess)
        {
            return CampaignValidator.ToRequestField(template.Error);
        }

        var rows = await RowsAsync(list.Id, phones, cancellationToken);
        var renderer = new MessageRenderer(template.Value, id.Value);
        var messages = new List<(string Phone, int Line, RenderedMessage Body, Guid Sender)>();
        foreach (var (phone, i) in phones.Distinct().Select((p, i) => (p, i)))
        {
            var row = rows.Own.GetValueOrDefault(phone) ?? rows.First;
            var rendered = renderer.Render(new TemplateRecipient(phone, row?.Fields ?? new Dictionary<string, string>()));
            if (!rendered.IsSuccess)
            {
                return TestSendErrors.NotRendered(phones.IndexOf(phone), rendered.Error.Message);
            }

            messages.Add((phone, row?.Line ?? 0, rendered.Value, usable[i % usable.Length]));
        }

        var test = CampaignId.New();
        var now = clock.GetCurrentInstant();
        await InsertAsync(tenant, id, test, messages, now, cancellationToken);

        // The pre-check looks the numbers up (a send goes to the gateway's jid) and wakes the senders' numbers.
        var testId = test.Value;
        jobs.Enqueue<PrecheckJob>(job => job.RunAsync(testId, CancellationToken.None));
        return new CampaignTest(test, now, messages.Select(m => new TestMessage(m.Phone, m.Sender)).ToArray());
    }

    /// <summary>The campaign's tests, newest first (at most <paramref name="limit"/>).</summary>
    public async Task<Result<IReadOnlyList<(CampaignId Id, Instant CreatedAt, CampaignStatus Status)>>> ListAsync(
        TenantId tenant, CampaignId id, int limit, CancellationToken cancellationToken)
    {
        if (await campaigns.FindAsync(tenant, id, cancellationToken) is null)
        {
            return CampaignErrors.NotFound();
        }

        await using var command = dataSource.CreateCommand(
            "select id, created_at, status from campaigns.campaigns where parent_id = $1 and tenant_id = $2 order by created_at desc, id desc limit $3");
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = limit });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tests = new List<(CampaignId, Instant, CampaignStatus)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tests.Add((new CampaignId(reader.GetGuid(0)), reader.GetFieldValue<Instant>(1), StatusText.ParseCampaignStatus(reader.GetString(2))));
        }

        return tests;
    }

    private async Task<HashSet<string>> SuppressedAsync(TenantId tenant, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select phone from campaigns.suppressions where tenant_id = $1 and phone = any($2)");
        command.Parameters.Add(new() { Value = tenant.Value });
        command.Parameters.Add(new() { Value = phones.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var found = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(reader.GetString(0));
        }

        return found;
    }

    /// <summary>The numbers' own rows of the list, and its first row (the lowest line).</summary>
    private async Task<(Dictionary<string, Contact> Own, Contact? First)> RowsAsync(
        Domain.Contacts.ContactListId list, IReadOnlyList<string> phones, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            (select phone, line, fields::text, false from campaigns.contacts where list_id = $1 and phone = any($2))
            union all
            (select phone, line, fields::text, true from campaigns.contacts where list_id = $1 order by line limit 1)
            """);
        command.Parameters.Add(new() { Value = list.Value });
        command.Parameters.Add(new() { Value = phones.ToArray() });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var own = new Dictionary<string, Contact>(StringComparer.Ordinal);
        Contact? first = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            var contact = new Contact(
                reader.GetString(0),
                reader.GetInt32(1),
                System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(2)) ?? []);
            if (reader.GetBoolean(3))
            {
                first = contact;
            }
            else
            {
                own[contact.Phone] = contact;
            }
        }

        return (own, first);
    }

    private async Task InsertAsync(
        TenantId tenant,
        CampaignId parent,
        CampaignId test,
        List<(string Phone, int Line, RenderedMessage Body, Guid Sender)> messages,
        Instant now,
        CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        // All day, every day, in UTC: a test goes now.
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
            insert into campaigns.campaigns (id, tenant_id, name, contact_list_id, template, media, window_starts, window_ends, window_days,
                                             window_time_zone, start_at, max_identical, status, recipients_total, recipients_rendered,
                                             created_at, updated_at, started_at, kind, parent_id)
            select $3, tenant_id, left(name, 190) || ' (test)', contact_list_id, template, media, {AllDayWindow.Sql},
                   null, max_identical, 'running', $5, $5, $4, $4, $4, 'test', id
              from campaigns.campaigns where tenant_id = $1 and id = $2
            """)
        {
            Parameters = { new() { Value = tenant.Value }, new() { Value = parent.Value }, new() { Value = test.Value }, new() { Value = now }, new() { Value = messages.Count } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into campaigns.campaign_senders (campaign_id, sender_id, position)
            select $2, sender_id, position from campaigns.campaign_senders where campaign_id = $1
            """)
        {
            Parameters = { new() { Value = parent.Value }, new() { Value = test.Value } },
        });
        batch.BatchCommands.Add(new NpgsqlBatchCommand(
            """
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash, sender_id)
            select $1, u.phone, u.line, 'queued', u.body, u.hash, u.sender
              from unnest($2::text[], $3::int[], $4::text[], $5::bytea[], $6::uuid[]) as u (phone, line, body, hash, sender)
            """)
        {
            Parameters =
            {
                new() { Value = test.Value },
                new() { Value = messages.Select(m => m.Phone).ToArray() },
                new() { Value = messages.Select(m => m.Line).ToArray() },
                new() { Value = messages.Select(m => m.Body.Text).ToArray() },
                new() { Value = messages.Select(m => m.Body.BodyHash).ToArray() },
                new() { Value = messages.Select(m => m.Sender).ToArray() },
            },
        });
        await batch.ExecuteNonQueryAsync(cancellationToken);
        // The senders' numbers get their row and become due: a number that never sent has none, and the pre-check only
        // looks up numbers that have one (without this, a test from a new sender stayed queued for ever).
        await Dispatch.DispatchWake.WakeSendersAsync(connection, transaction, messages.Select(m => m.Sender).Distinct().ToArray(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }
}
