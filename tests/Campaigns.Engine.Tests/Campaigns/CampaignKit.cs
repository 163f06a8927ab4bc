using System.Globalization;
using System.Text;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.BulkSends;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Media;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Templates;
using Campaigns.Engine.Tenants;
using Campaigns.Engine.Tests.Templates;
using Campaigns.Tests.Shared;
using Hangfire;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Campaigns.Engine.Tests.Campaigns;

/// <summary>Builds the campaign services on a test class's database, and the tenants, lists and campaigns a test needs.</summary>
internal sealed class CampaignKit(TestDatabase database)
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 26, 10, 0);

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public NpgsqlDataSource DataSource => database.DataSource;

    public FakeClock Clock { get; } = new(Now);

    public CampaignStore Store => new(database.DataSource);

    /// <summary>Hangfire's storage on the test class's database: jobs are enqueued there, and run only when a test runs them.</summary>
    public JobStorage JobStorage => database.JobStorage;

    public IBackgroundJobClient Jobs => new BackgroundJobClient(database.JobStorage);

    public PrepareJobs PrepareJobs => new(Jobs, Store);

    public CampaignService Service => new(Store, Validator, PrepareJobs, Previewer(), Jobs, Clock, NullLogger<CampaignService>.Instance, Preflight);

    /// <summary>The media pre-flight's settings: private addresses allowed (test servers listen on 127.0.0.1), 2 s.</summary>
    public MediaOptions Media { get; } = new() { AllowPrivateAddresses = true, PreflightTimeout = TimeSpan.FromSeconds(2) };

    public MediaPreflight Preflight =>
        new(new HttpClient(MediaPreflight.CreateHandler(Media)), Options.Create(Media), NullLogger<MediaPreflight>.Instance);

    public StartDueCampaignsJob StartDue => new(
        Store, Assign, database.DataSource, Clock, NullLogger<StartDueCampaignsJob>.Instance, Preflight, new BulkStarter(database.DataSource, Service, NullLogger<BulkStarter>.Instance));

    public AssignRecipientsJob Assign => new(database.DataSource, Clock, NullLogger<AssignRecipientsJob>.Instance);

    /// <summary>The previews of the kit's <see cref="Previewer"/>s that are planning right now.</summary>
    public PreviewActivity PreviewActivity { get; } = new();

    public CampaignPreviewer Previewer(PreviewOptions? options = null, TimeProvider? time = null) => new(
        Validator,
        Store,
        database.DataSource,
        Options.Create(options ?? new PreviewOptions()),
        PreviewActivity,
        time ?? TimeProvider.System,
        NullLogger<CampaignPreviewer>.Instance);

    private CampaignValidator Validator =>
        new(new ContactListStore(database.DataSource), Store, TemplateKit.Compiler(), Options.Create(new TemplateOptions()), Clock);

    public PrepareCampaignJob Job(int batchSize = 10_000, int maxAttempts = 3, int maxPerTenant = 1) => new(
        database.DataSource,
        new ContactListStore(database.DataSource),
        TemplateKit.Compiler(),
        Jobs,
        Options.Create(new PrepareOptions
        {
            BatchSize = batchSize, MaxAttempts = maxAttempts, MaxPerTenant = maxPerTenant, StatusCheckInterval = TimeSpan.FromMilliseconds(100),
        }),
        Clock,
        NullLogger<PrepareCampaignJob>.Instance);

    public PrepareSweepJob Sweeper(TimeSpan? enqueueGrace = null) => new(
        Store,
        PrepareJobs,
        database.JobStorage,
        Options.Create(new PrepareOptions { EnqueueGrace = enqueueGrace ?? TimeSpan.FromMinutes(1) }),
        Clock,
        NullLogger<PrepareSweepJob>.Instance);

    /// <summary>Waits until the campaign has <paramref name="status"/>, or fails the test after <paramref name="within"/> (20 s).</summary>
    public async Task<Campaign> WaitForAsync(Campaign campaign, CampaignStatus status, TimeSpan? within = null)
    {
        var deadline = DateTimeOffset.UtcNow + (within ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            var current = await FindAsync(campaign);
            if (current.Status == status)
            {
                return current;
            }

            Assert.True(DateTimeOffset.UtcNow < deadline, $"The campaign is still {current.Status}.");
            await Task.Delay(20, Cancel);
        }
    }

    public async Task<TenantId> TenantAsync() => (await new TenantStore(database.DataSource).CreateAsync("test", Cancel)).Tenant;

    public async Task<ContactList> ListAsync(TenantId tenant, string csv)
    {
        var importer = new ContactImporter(database.DataSource, Clock, NullLogger<ContactImporter>.Instance);
        var result = await importer.ImportAsync(
            new ContactImportRequest(tenant, "list", "list.csv", "KE", null), new MemoryStream(Encoding.UTF8.GetBytes(csv)), Cancel);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.Message);
        return result.Value;
    }

    /// <summary><paramref name="count"/> contacts (+2547…), first names cycling through <paramref name="names"/> distinct ones, one city.</summary>
    public Task<ContactList> ListAsync(TenantId tenant, int count, int names = 1, string city = "Nairobi")
    {
        var csv = new StringBuilder("phone,first_name,city\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{TemplateKit.Phone(i)},Name{i % names},{city}\n");
        }

        return ListAsync(tenant, csv.ToString());
    }

    /// <summary>A draft over <paramref name="list"/>; valid, or the test fails.</summary>
    public async Task<Campaign> DraftAsync(TenantId tenant, ContactList list, string template, int? maxIdentical = null)
    {
        var result = await Service.CreateAsync(tenant, new CampaignDraft("Test", list.Id.Value, template, MaxIdentical: maxIdentical), Cancel);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.Message);
        return result.Value;
    }

    /// <summary>A campaign asked to be prepared (status preparing), its job not run yet.</summary>
    public async Task<Campaign> PreparingAsync(TenantId tenant, ContactList list, string template, int? maxIdentical = null)
    {
        var draft = await DraftAsync(tenant, list, template, maxIdentical);
        var result = await Service.PrepareAsync(tenant, draft.Id, Cancel);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : result.Error.Message);
        Assert.Equal(CampaignStatus.Preparing, result.Value.Status);
        return result.Value;
    }

    private static int _senderNumber = Random.Shared.Next(0, 1_000_000);

    /// <summary>A sender of <paramref name="tenant"/> stored as its registration would store it, with a number of its own unless told.</summary>
    public async Task<SenderId> SenderAsync(TenantId tenant, SenderState state = SenderState.Open, bool linked = true)
    {
        var id = SenderId.New();
        var phone = linked ? $"+4477009{Interlocked.Increment(ref _senderNumber) % 1_000_000:D6}" : null;
        var settings = SenderSettings.Create("Europe/London", new LocalDate(2025, 1, 1), null, null, null, null, null).Value;
        var sender = new Sender(
            id, tenant, null, "Line", new Uri("http://gateway.example/"), "instance-" + id.Value.ToString("N"), "key", phone, settings,
            state, null, Now, Now);
        Assert.Equal(SenderInsert.Inserted, await new SenderStore(database.DataSource).InsertAsync(sender, new byte[32], Cancel));
        return id;
    }

    /// <summary>A ready campaign over <paramref name="list"/> sending from <paramref name="senders"/> (a text, or <paramref name="media"/>).</summary>
    public async Task<Campaign> ReadyAsync(
        TenantId tenant, ContactList list, IReadOnlyList<SenderId> senders, string? startAt = null, Domain.Templates.MediaDraft? media = null)
    {
        var created = await Service.CreateAsync(
            tenant,
            new CampaignDraft(
                "Test", list.Id.Value, media is null ? "{Hi|Hello|Hey} {{ first_name }}" : null, Media: media,
                SenderIds: senders.Select(s => s.Value).ToArray(), StartAt: startAt, MaxIdentical: 1_000_000),
            Cancel);
        Assert.True(created.IsSuccess, created.IsSuccess ? "" : created.Error.Message);
        var preparing = await Service.PrepareAsync(tenant, created.Value.Id, Cancel);
        Assert.True(preparing.IsSuccess, preparing.IsSuccess ? "" : preparing.Error.Message);
        Assert.Equal(PrepareOutcome.Ready, await Job().RunAsync(created.Value.Id, Cancel));
        return await FindAsync(created.Value);
    }

    /// <summary>Per sender, how many of the campaign's messages it holds.</summary>
    public async Task<Dictionary<Guid, long>> CountsBySenderAsync(Campaign campaign)
    {
        await using var command = database.DataSource.CreateCommand(
            "select sender_id, count(*) from campaigns.messages where campaign_id = $1 and sender_id is not null group by sender_id");
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        await using var reader = await command.ExecuteReaderAsync(Cancel);
        var counts = new Dictionary<Guid, long>();
        while (await reader.ReadAsync(Cancel))
        {
            counts[reader.GetGuid(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    public async Task<Campaign> FindAsync(Campaign campaign) => (await Store.FindAsync(campaign.Tenant, campaign.Id, Cancel))!;

    public async Task<IReadOnlyList<CampaignMessage>> MessagesAsync(Campaign campaign) =>
        await Store.MessagesAsync(campaign.Id, null, 1_000_000, null, Cancel);

    public async Task<long> ScalarAsync(string sql, Campaign campaign)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancel), CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, Campaign campaign)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new() { Value = campaign.Id.Value });
        await command.ExecuteNonQueryAsync(Cancel);
    }
}
