using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Suppressions;
using Campaigns.Engine.Templates;
using Campaigns.Engine.Tests.Templates;
using Campaigns.Tests.Shared;

namespace Campaigns.Engine.Tests.Campaigns;

public sealed class PrepareCampaignJobTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private readonly CampaignKit _kit = new(database);

    [Fact]
    public async Task RunAsync_Preparing_StoresEveryMessageWithTheHashOfItsBody()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 25, names: 25);
        var campaign = await _kit.PreparingAsync(tenant, list, "{Hi|Hello} {{ first_name }}, {{ city }} says hi!");

        var outcome = await _kit.Job().RunAsync(campaign.Id, Cancel);

        Assert.Equal(PrepareOutcome.Ready, outcome);
        var ready = await _kit.FindAsync(campaign);
        Assert.Equal(CampaignStatus.Ready, ready.Status);
        Assert.Equal(new CampaignProgress(25, 25), ready.Progress);
        Assert.Equal(new PrepareResult(25, 25, 0, 0, 25, 1, 10), ready.PrepareResult);
        Assert.Null(ready.PrepareError);
        var messages = await _kit.MessagesAsync(campaign);
        Assert.Equal(25, messages.Count);
        var renderer = new MessageRenderer(TemplateKit.Compile("{Hi|Hello} {{ first_name }}, {{ city }} says hi!", columns: ["first_name", "city"]), campaign.Id.Value);
        foreach (var message in messages)
        {
            Assert.Equal(MessageStatus.Pending, message.Status);
            Assert.Equal(MessageBody.Hash(message.Body!), message.BodyHash);
            var name = $"Name{int.Parse(message.Phone[^8..], System.Globalization.CultureInfo.InvariantCulture)}";
            var own = renderer.Render(new TemplateRecipient(message.Phone, new Dictionary<string, string> { ["first_name"] = name, ["city"] = "Nairobi" }));
            Assert.Equal(own.Value.Text, message.Body); // everyone has a name of their own: nobody is steered off their own text
        }

        Assert.Equal(Enumerable.Range(2, 25), messages.Select(m => m.Line).Order());
    }

    [Fact]
    public async Task RunAsync_Recipients_StoresEachOnesTimeZoneFromTheNumber()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, "phone,first_name\n+254700000001,Amina\n+447400123456,Olivia\n+5511987654321,Bruna\n");
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");

        await _kit.Job().RunAsync(campaign.Id, Cancel);

        await using var command = _kit.DataSource.CreateCommand("select phone, time_zone from campaigns.messages where campaign_id = $1 order by phone");
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var zones = new List<(string, string?)>();
        while (await reader.ReadAsync(Cancel))
        {
            zones.Add((reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1)));
        }

        Assert.Equal([("+254700000001", "Africa/Nairobi"), ("+447400123456", "Europe/London"), ("+5511987654321", "America/Sao_Paulo")], zones);
    }

    [Fact]
    public async Task RunAsync_SameCampaignTwice_StoresTheSameBodies()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 40);
        var campaign = await _kit.PreparingAsync(tenant, list, "{Hi|Hello|Hey} {{ city }}, {{ pick [\"a deal\", \"an offer\", \"a treat\"] }} for you");
        await _kit.Job().RunAsync(campaign.Id, Cancel);
        var first = (await _kit.MessagesAsync(campaign)).Select(m => (m.Phone, m.Body)).ToArray();

        await _kit.ExecuteAsync("update campaigns.campaigns set status = 'preparing' where id = $1", campaign);
        await _kit.Job().RunAsync(campaign.Id, Cancel);

        Assert.Equal(first, (await _kit.MessagesAsync(campaign)).Select(m => (m.Phone, m.Body)));
        Assert.True(first.Select(f => f.Body).Distinct().Count() >= 4, "40 recipients at 10 per body need at least 4 bodies");
    }

    [Fact]
    public async Task RunAsync_RenderFailsOrComesOutEmpty_SkipsTheRecipientWithTheReason()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, "phone,note,n\n0712000001,Hello,\n0712000002,,\n0712000003,Hi,big\n");
        var campaign = await _kit.PreparingAsync(tenant, list, "{{ note }}{{ if n == \"big\" }}{{ n.Length }}{{ end }}");

        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().RunAsync(campaign.Id, Cancel));

        var messages = (await _kit.MessagesAsync(campaign)).ToDictionary(m => m.Phone);
        Assert.Equal((MessageStatus.Pending, "Hello"), (messages["+254712000001"].Status, messages["+254712000001"].Body));
        Assert.Equal((MessageStatus.Skipped, "render.empty", null), (messages["+254712000002"].Status, messages["+254712000002"].SkipCode, messages["+254712000002"].Body));
        Assert.Equal((MessageStatus.Skipped, "render.failed"), (messages["+254712000003"].Status, messages["+254712000003"].SkipCode));
        Assert.Contains("line 1, column 35", messages["+254712000003"].SkipReason, StringComparison.Ordinal);
        Assert.Null(messages["+254712000003"].BodyHash);
        var ready = await _kit.FindAsync(campaign);
        Assert.Equal((3L, 1L, 2L), (ready.PrepareResult!.Recipients, ready.PrepareResult.Ready, ready.PrepareResult.Skipped));
    }

    [Fact]
    public async Task RunAsync_TemplateReachesALimitWithOneContact_FailsAsAWholeBackToDraft()
    {
        // Whether a row renders must not depend on luck or load: a limit met with any contact fails the template for all.
        var tenant = await _kit.TenantAsync();
        var rows = string.Concat(Enumerable.Range(1, 2_500).Select(i => $"07120{i:D5},{(i == 2_400 ? "big" : "")}\n"));
        var list = await _kit.ListAsync(tenant, "phone,n\n" + rows);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {Ann|Bo} {{ phone }}{{ if n == \"big\" }}{{ for i in 1..100000 }}x{{ end }}{{ end }}");

        Assert.Equal(PrepareOutcome.BackToDraft, await _kit.Job(batchSize: 1_000).RunAsync(campaign.Id, Cancel));

        var draft = await _kit.FindAsync(campaign);
        Assert.Equal(CampaignStatus.Draft, draft.Status);
        var error = draft.PrepareError!;
        Assert.Equal(("template.limit_exceeded", "template", 1, 2_401), (error.Code, error.Field, error.Line, error.ContactLine));
        Assert.Contains("Campaigns:Templates:LoopLimit", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2,401 of the list", error.Message, StringComparison.Ordinal);
        Assert.Empty(await _kit.MessagesAsync(campaign)); // the two batches stored before it are rolled back
    }

    [Fact]
    public async Task RunAsync_NumberSuppressedAfterImport_IsSkipped()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        await new SuppressionStore(database.DataSource).AddAsync(tenant, [TemplateKit.Phone(1)], "manual", Cancel);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hello {{ city }}");

        await _kit.Job().RunAsync(campaign.Id, Cancel);

        var messages = await _kit.MessagesAsync(campaign);
        var suppressed = Assert.Single(messages, m => m.Status == MessageStatus.Skipped);
        Assert.Equal((TemplateKit.Phone(1), "recipient.suppressed"), (suppressed.Phone, suppressed.SkipCode));
        Assert.Equal(2, messages.Count(m => m.Status == MessageStatus.Pending));
    }

    public static TheoryData<int, string, int, int, bool, long, long> Lists => new()
    {
        // recipients, template, distinct first names, maxIdentical, holds, needed, possible (for the group that ran out)
        { 5, "{Hi|Hello} {{ city }}", 1, 10, true, 0, 0 },
        { 5, "{Hi|Hello} {{ city }}", 1, 2, false, 3, 2 },
        { 11, "{Hi|Hello} {{ city }}", 1, 10, true, 0, 0 },
        { 11, "Hello {{ city }}", 1, 10, false, 2, 1 },
        { 1_000, "{Hi|Hello|Hey|Good day} {{ first_name }}, {an offer|a deal} in {{ city }}.", 20, 10, true, 0, 0 },
        { 1_000, "{Hi|Hello|Hey|Good day}, {an offer|a deal} in {{ city }}.", 1, 10, false, 100, 8 },
        { 100_000, TenThousandVariants, 1, 10, true, 0, 0 },
        { 100_000, "{Hi|Hello} {{ city }}", 1, 10, false, 10_000, 2 },
    };

    // 10 × 10 × 10 × 10 = 10,000 texts, and one city: exactly enough for 100,000 recipients at 10 each.
    private const string TenThousandVariants =
        "{Hi|Hello|Hey|Howdy|Greetings|Good day|Hiya|Yo|Dear friend|Welcome} {{ city }}, "
        + "{our|the|this week's|today's|a new|a special|the big|a fresh|an exclusive|the best} "
        + "{offer|deal|sale|discount|bargain|promo|price cut|saving|treat|bonus} "
        + "{is here|awaits|is live|starts now|has landed|is on|is yours|is ready|is open|just dropped}.";

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task RunAsync_VariationRule_HoldsOrSendsTheCampaignBackToDraft(
        int recipients, string template, int names, int maxIdentical, bool holds, long needed, long possible)
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, recipients, names);
        var campaign = await _kit.PreparingAsync(tenant, list, template, maxIdentical);

        var outcome = await _kit.Job(batchSize: recipients < 10_000 ? 100 : 10_000).RunAsync(campaign.Id, Cancel);

        var after = await _kit.FindAsync(campaign);
        Assert.Equal(new CampaignProgress(recipients, recipients), after.Progress);
        Assert.Equal(recipients, after.PrepareResult!.Recipients);
        if (holds)
        {
            Assert.Equal((PrepareOutcome.Ready, CampaignStatus.Ready), (outcome, after.Status));
            Assert.Equal(recipients, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
            var largest = await _kit.ScalarAsync(
                "select max(n) from (select count(*) n from campaigns.messages where campaign_id = $1 group by body_hash) g", campaign);
            Assert.True(largest <= maxIdentical, $"a body goes to {largest} recipients");
            Assert.Equal(largest, after.PrepareResult.LargestShare);
        }
        else
        {
            Assert.Equal((PrepareOutcome.BackToDraft, CampaignStatus.Draft), (outcome, after.Status));
            Assert.Equal(0, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
            var error = after.PrepareError!;
            Assert.Equal(("template.variation_unreachable", "template"), (error.Code, error.Field));
            Assert.Equal((needed, possible, maxIdentical), (error.NeededBodies, error.PossibleBodies, error.MaxIdentical));
            Assert.Contains("Add variants", error.Message, StringComparison.Ordinal);
            Assert.Equal(recipients - (possible * maxIdentical), after.PrepareResult.OverLimit);
        }
    }

    [Fact]
    public async Task RunAsync_WhileRunning_ShowsItsProgress()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 350, names: 350);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        var seen = new List<(int Reported, CampaignProgress Stored, CampaignStatus Status)>();
        var progress = new InlineProgress(p =>
        {
            var stored = _kit.FindAsync(campaign).GetAwaiter().GetResult();
            seen.Add((p.Rendered, stored.Progress, stored.Status));
        });

        await _kit.Job(batchSize: 100).RunAsync(campaign.Id, progress, Cancel);

        Assert.Equal([100, 200, 300, 350], seen.Select(s => s.Reported));
        Assert.All(seen, s => Assert.Equal((new CampaignProgress(350, s.Reported), CampaignStatus.Preparing), (s.Stored, s.Status)));
        // The messages are committed with the move to ready, not before.
        Assert.Equal(350, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task RunAsync_CancelledHalfway_LeavesNothingAndTheNextRunCompletes()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 500, names: 500);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        using var shutdown = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var progress = new InlineProgress(p =>
        {
            if (p.Rendered >= 200)
            {
                shutdown.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _kit.Job(batchSize: 100).RunAsync(campaign.Id, progress, shutdown.Token));

        Assert.Equal(CampaignStatus.Preparing, (await _kit.FindAsync(campaign)).Status);
        Assert.Equal(0, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
        Assert.Equal(0, await _kit.ScalarAsync("select prepare_attempts from campaigns.campaigns where id = $1", campaign)); // a shutdown is not a failure

        Assert.Equal(PrepareOutcome.Ready, await _kit.Job(batchSize: 100).RunAsync(campaign.Id, Cancel));
        Assert.Equal(500, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task RunAsync_AfterACrashThatLeftRows_RemovesThemAndStoresEachRecipientOnce()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 30, names: 30);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        // What a run that committed part of its work and died would leave: an attempt counted, rows of its own.
        await _kit.ExecuteAsync("update campaigns.campaigns set prepare_attempts = 1, recipients_rendered = 10 where id = $1", campaign);
        await _kit.ExecuteAsync(
            $"""
            insert into campaigns.messages (campaign_id, phone, line, status, body, body_hash)
            values ($1, '{TemplateKit.Phone(0)}', 2, 'pending', 'stale', sha256('stale')),
                   ($1, '+254799999999', 99, 'pending', 'not on the list', sha256('x'));
            """,
            campaign);

        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().RunAsync(campaign.Id, Cancel));

        var messages = await _kit.MessagesAsync(campaign);
        Assert.Equal(30, messages.Count);
        Assert.DoesNotContain(messages, m => m.Phone == "+254799999999");
        Assert.Equal("Hi Name0", messages.Single(m => m.Phone == TemplateKit.Phone(0)).Body);
        Assert.Equal(2, await _kit.ScalarAsync("select prepare_attempts from campaigns.campaigns where id = $1", campaign));
    }

    [Fact]
    public async Task RunAsync_WhileAnotherRunHoldsTheCampaign_DoesNothing()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 300, names: 300);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        PrepareOutcome? second = null;
        var progress = new InlineProgress(p =>
        {
            if (second is null)
            {
                second = _kit.Job().RunAsync(campaign.Id, Cancel).GetAwaiter().GetResult();
            }
        });

        var first = await _kit.Job(batchSize: 100).RunAsync(campaign.Id, progress, Cancel);

        Assert.Equal((PrepareOutcome.Ready, PrepareOutcome.NotClaimed), (first, second));
        Assert.Equal(300, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task RunAsync_AttemptsUsedUp_SendsTheCampaignBackToDraft()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hello {{ city }}");
        await _kit.ExecuteAsync("update campaigns.campaigns set prepare_attempts = 3 where id = $1", campaign);

        Assert.Equal(PrepareOutcome.BackToDraft, await _kit.Job(maxAttempts: 3).RunAsync(campaign.Id, Cancel));

        var draft = await _kit.FindAsync(campaign);
        Assert.Equal((CampaignStatus.Draft, "campaign.prepare_failed"), (draft.Status, draft.PrepareError?.Code));
        Assert.Contains("3 times", draft.PrepareError!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Draft_DoesNothing()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 3);
        var draft = await _kit.DraftAsync(tenant, list, "Hello {{ city }}");

        Assert.Equal(PrepareOutcome.NotPreparing, await _kit.Job().RunAsync(draft.Id, Cancel));
        Assert.Equal(CampaignStatus.Draft, (await _kit.FindAsync(draft)).Status);
    }

    [Fact]
    public async Task RunAsync_TakenBackToDraftWhileABatchIsStuck_StopsPromptlyStoresNothingAndFreesItsClaim()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 50, names: 50);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        PrepareOutcome outcome;
        await using (var blocker = await _kit.DataSource.OpenConnectionAsync(Cancel))
        {
            // The list cannot be read until the blocker lets go: the run is stuck in its first batch.
            await using var hold = await blocker.BeginTransactionAsync(Cancel);
            await using (var lockTable = new Npgsql.NpgsqlCommand("lock table campaigns.contacts in access exclusive mode", blocker, hold))
            {
                await lockTable.ExecuteNonQueryAsync(Cancel);
            }

            var run = _kit.Job().RunAsync(campaign.Id, Cancel);
            await WaitUntilAsync(async () => await _kit.ScalarAsync("select count(*) from campaigns.campaigns where id = $1 and prepare_started_at is not null", campaign) == 1);

            var draft = await _kit.Service.BackToDraftAsync(tenant, campaign.Id, Cancel);
            Assert.True(draft.IsSuccess);
            Assert.Equal(CampaignStatus.Draft, draft.Value.Status);

            outcome = await run.WaitAsync(TimeSpan.FromSeconds(10), Cancel); // with the list still locked
        }

        Assert.Equal(PrepareOutcome.NotPreparing, outcome);
        Assert.Equal(CampaignStatus.Draft, (await _kit.FindAsync(campaign)).Status);
        Assert.Equal(0, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
        // The campaign's lock and its tenant's slot are free: it can be prepared again at once.
        Assert.True((await _kit.Service.PrepareAsync(tenant, campaign.Id, Cancel)).IsSuccess);
        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().RunAsync(campaign.Id, Cancel));
        Assert.Equal(50, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
    }

    [Fact]
    public async Task BackToDraftAsync_Ready_DeletesTheMessagesAndAllowsAnEdit()
    {
        var tenant = await _kit.TenantAsync();
        var list = await _kit.ListAsync(tenant, 20, names: 20);
        var campaign = await _kit.PreparingAsync(tenant, list, "Hi {{ first_name }}");
        Assert.Equal(PrepareOutcome.Ready, await _kit.Job().RunAsync(campaign.Id, Cancel));

        var draft = await _kit.Service.BackToDraftAsync(tenant, campaign.Id, Cancel);

        Assert.True(draft.IsSuccess);
        Assert.Equal((CampaignStatus.Draft, null, new CampaignProgress(0, 0)), (draft.Value.Status, draft.Value.PrepareResult, draft.Value.Progress));
        Assert.Equal(0, await _kit.ScalarAsync("select count(*) from campaigns.messages where campaign_id = $1", campaign));
        var again = await _kit.Service.BackToDraftAsync(tenant, campaign.Id, Cancel);
        Assert.Equal("campaign.invalid_transition", again.Error.Code);
    }

    [Fact]
    public async Task RunAsync_TenantAtItsLimit_WaitsWhileAnotherTenantIsServed()
    {
        var tenantA = await _kit.TenantAsync();
        var tenantB = await _kit.TenantAsync();
        var waiting = await _kit.PreparingAsync(tenantA, await _kit.ListAsync(tenantA, 5, names: 5), "Hi {{ first_name }}");
        var other = await _kit.PreparingAsync(tenantB, await _kit.ListAsync(tenantB, 5, names: 5), "Hi {{ first_name }}");
        await using var elsewhere = await _kit.DataSource.OpenConnectionAsync(Cancel);
        // Tenant A's one slot is held by a prepare of another process.
        Assert.Equal(0, await PrepareLocks.TryTakeTenantSlotAsync(elsewhere, tenantA, 1, Cancel));

        Assert.Equal(PrepareOutcome.TenantBusy, await _kit.Job(maxPerTenant: 1).RunAsync(waiting.Id, Cancel));
        Assert.Equal(PrepareOutcome.Ready, await _kit.Job(maxPerTenant: 1).RunAsync(other.Id, Cancel));
        Assert.Equal((CampaignStatus.Preparing, 0), ((await _kit.FindAsync(waiting)).Status, await ScalarIntAsync("select prepare_attempts from campaigns.campaigns where id = $1", waiting)));

        await PrepareLocks.ReleaseTenantSlotAsync(elsewhere, tenantA, 0);
        Assert.Equal(PrepareOutcome.Ready, await _kit.Job(maxPerTenant: 1).RunAsync(waiting.Id, Cancel));
    }

    private async Task<int> ScalarIntAsync(string sql, Campaign campaign) => (int)await _kit.ScalarAsync(sql, campaign);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(20);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The condition did not come true within 20 s.");
            await Task.Delay(20, Cancel);
        }
    }

    /// <summary>Reports synchronously on the job's own thread, between two batches.</summary>
    private sealed class InlineProgress(Action<CampaignProgress> report) : IProgress<CampaignProgress>
    {
        public void Report(CampaignProgress value) => report(value);
    }
}
