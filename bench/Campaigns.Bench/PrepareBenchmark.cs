using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.Campaigns;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Database;
using Campaigns.Engine.Templates;
using Campaigns.Engine.Tenants;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;
using Scriban;
using Scriban.Runtime;

namespace Campaigns.Bench;

/// <summary>
/// Preparing a campaign of N recipients through the product path (the service checks and moves the draft, the prepare
/// job streams the list from PostgreSQL, plans every message under the variation rule and COPYs it back) beside plain
/// Scriban renders of the same template in a loop over the same recipients in memory — the text with each choice at
/// its first option, and the compiled template with its choices as Scriban code calling a plain function — and the
/// planner alone in memory, in one run, alternating rounds so that all see the same machine load. Prints messages/s of
/// each, the ratios, and the peak working set of a prepare at a tenth and at the full size.
/// </summary>
internal static class PrepareBenchmark
{
    /// <summary>5 × 5 × 5 × 2 = 250 variants per recipient, over four columns of the list.</summary>
    public const string Template =
        "{Hi|Hello|Hey|Good day|Greetings} {{ first_name }} {{ last_name }}, {our|this week's|today's|a new|the} "
        + "{offer|deal|discount|promo|sale} on the {{ plan }} plan is live in {{ city }}. {Thanks|Cheers}!";

    /// <summary>The same text as plain Scriban, each group of choices at its first option: what a bare render does.</summary>
    public const string RawTemplate =
        "Hi {{ first_name }} {{ last_name }}, our offer on the {{ plan }} plan is live in {{ city }}. Thanks!";

    private static readonly string[] Columns = ["phone", "first_name", "last_name", "city", "plan"];

    private static readonly string[] FirstNames =
    [
        "Amina", "Brian", "Cynthia", "David", "Esther", "Faith", "George", "Hassan", "Irene", "James", "Kevin", "Lucy", "Mercy",
        "Nancy", "Otieno", "Peter", "Quincy", "Rose", "Samuel", "Tabitha", "Umar", "Violet", "Wanjiru", "Xavier", "Yusuf",
        "Zawadi", "Agnes", "Bakari", "Caroline", "Dennis", "Elijah", "Florence", "Grace", "Halima", "Isaac", "Joyce", "Kamau",
        "Lilian", "Moses", "Njeri", "Onyango", "Purity", "Ruth", "Stephen", "Teresia", "Victor", "Winnie", "Yvonne", "Zuberi", "Akinyi",
    ];

    private static readonly string[] LastNames =
    [
        "Mwangi", "Otieno", "Kamau", "Wanjiku", "Odhiambo", "Kiprono", "Njoroge", "Achieng", "Mutua", "Wambui", "Ochieng", "Kariuki",
        "Njeri", "Chege", "Omondi", "Kiptoo", "Muthoni", "Barasa", "Wekesa", "Nyambura", "Korir", "Maina", "Owino", "Cheruiyot",
        "Gitau", "Atieno", "Kimani", "Onyango", "Rotich", "Waweru", "Kibet", "Mugo", "Awino", "Ndungu", "Langat", "Wairimu",
        "Ouma", "Kirui", "Macharia", "Anyango",
    ];

    private static readonly string[] Cities = ["Nairobi", "Mombasa", "Kisumu", "Nakuru", "Eldoret", "Thika"];

    private static readonly string[] Plans = ["free", "basic", "pro", "business"];

    public static async Task<int> RunAsync(string serverConnectionString, int recipients, int rounds)
    {
        var database = await CreateDatabaseAsync(serverConnectionString);
        await using var dataSource = Campaigns.Engine.EngineServiceCollectionExtensions.CreateDataSource(database);
        var (tenant, _) = await new TenantStore(dataSource).CreateAsync("bench", CancellationToken.None);

        var stopwatch = Stopwatch.StartNew();
        var small = await CreateListAsync(dataSource, tenant, Math.Max(1, recipients / 10));
        var full = await CreateListAsync(dataSource, tenant, recipients);
        Console.WriteLine($"lists: {recipients / 10:N0} and {recipients:N0} contacts (4 columns) by COPY in {stopwatch.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"template: {Template}");

        var lists = new ContactListStore(dataSource);
        var compiler = new TemplateCompiler(Options.Create(new TemplateOptions()));
        var campaigns = new CampaignStore(dataSource);
        using var hangfireConnections = new Campaigns.Engine.Jobs.HangfireConnectionFactory(database);
        // Prepare jobs are enqueued in Hangfire's storage and run here, by the benchmark, never by a server.
        var jobs = new Hangfire.BackgroundJobClient(
            Campaigns.Engine.Jobs.JobStorageServiceCollectionExtensions.CreateStorage(hangfireConnections, new Campaigns.Engine.Jobs.HangfireOptions()));
        var validator = new CampaignValidator(lists, campaigns, compiler, Options.Create(new TemplateOptions()), SystemClock.Instance);
        var service = new CampaignService(
            campaigns,
            validator,
            new PrepareJobs(jobs, campaigns),
            new CampaignPreviewer(
                validator, campaigns, dataSource, Options.Create(new PreviewOptions()), new PreviewActivity(), TimeProvider.System,
                NullLogger<CampaignPreviewer>.Instance),
            jobs,
            SystemClock.Instance,
            NullLogger<CampaignService>.Instance,
            new Campaigns.Engine.Media.MediaPreflight(
                new HttpClient(Campaigns.Engine.Media.MediaPreflight.CreateHandler(new())), Options.Create(new Campaigns.Engine.Media.MediaOptions()),
                NullLogger<Campaigns.Engine.Media.MediaPreflight>.Instance)); // never called: the benchmark starts no campaign
        var job = new PrepareCampaignJob(
            dataSource, lists, compiler, jobs, Options.Create(new PrepareOptions()), SystemClock.Instance, NullLogger<PrepareCampaignJob>.Instance);
        var template = compiler.Compile(new Domain.Templates.TemplateDraft(Template), CampaignValidator.Variables(full)).Value;

        // Warm-up: JIT, Scriban, the connection pool; and the peak working set at a tenth of the size.
        await PrepareOnceAsync(service, job, dataSource, tenant, small);
        var smallRun = await PrepareOnceAsync(service, job, dataSource, tenant, small);
        RenderRaw(Math.Max(1, recipients / 10));

        RenderRawWithChoices(template, Math.Max(1, recipients / 10));
        var rawTimes = new List<double>();
        var choicesTimes = new List<double>();
        var plannerTimes = new List<double>();
        var prepareTimes = new List<double>();
        long fullPeak = 0;
        for (var round = 1; round <= rounds; round++)
        {
            rawTimes.Add(RenderRaw(recipients));
            choicesTimes.Add(RenderRawWithChoices(template, recipients));
            plannerTimes.Add(PlanInMemory(template, recipients));
            var prepare = await PrepareOnceAsync(service, job, dataSource, tenant, full);
            prepareTimes.Add(prepare.Seconds);
            fullPeak = Math.Max(fullPeak, prepare.PeakWorkingSet);
            Console.WriteLine(
                $"round {round}: raw Scriban {rawTimes[^1]:F2} s, with choices {choicesTimes[^1]:F2} s, planner in memory {plannerTimes[^1]:F2} s, " +
                $"prepare {prepare.Seconds:F2} s (client CPU {prepare.CpuSeconds:F2} s; {prepare.Result})");
        }

        var raw = recipients / Median(rawTimes);
        var choices = recipients / Median(choicesTimes);
        var planner = recipients / Median(plannerTimes);
        var prepared = recipients / Median(prepareTimes);
        Console.WriteLine();
        Console.WriteLine($"raw Scriban render (same text, first options, bare context): {raw,12:N0} messages/s (median of {rounds})");
        Console.WriteLine($"raw Scriban render (compiled template, choices as code):    {choices,12:N0} messages/s (median of {rounds})");
        Console.WriteLine($"variation planner in memory (sandbox, hash, rule):          {planner,12:N0} messages/s (median of {rounds})");
        Console.WriteLine($"prepare, product path (PostgreSQL in and out):              {prepared,12:N0} messages/s (median of {rounds})");
        Console.WriteLine($"ratio prepare / raw Scriban (first options):                {prepared / raw,12:F2}");
        Console.WriteLine($"ratio prepare / raw Scriban (choices as code):              {prepared / choices,12:F2}");
        Console.WriteLine($"ratio planner in memory / raw Scriban (choices as code):    {planner / choices,12:F2}");
        Console.WriteLine($"peak working set, prepare of {recipients / 10,9:N0}:            {smallRun.PeakWorkingSet / (1024.0 * 1024),9:F0} MiB");
        Console.WriteLine($"peak working set, prepare of {recipients,9:N0}:            {fullPeak / (1024.0 * 1024),9:F0} MiB");
        return 0;
    }

    /// <summary>The recipients of the list of <paramref name="count"/>, as they are stored: deterministic, distinct numbers.</summary>
    private static IEnumerable<(string Phone, string First, string Last, string City, string Plan)> People(int count)
    {
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            yield return (
                string.Create(CultureInfo.InvariantCulture, $"+2547{i % 3}{i / 3:D7}"),
                FirstNames[random.Next(FirstNames.Length)],
                LastNames[random.Next(LastNames.Length)],
                Cities[random.Next(Cities.Length)],
                Plans[random.Next(Plans.Length)]);
        }
    }

    private static IEnumerable<TemplateRecipient> Recipients(int count) =>
        People(count).Select(p => new TemplateRecipient(p.Phone, new Dictionary<string, string>(4, StringComparer.Ordinal)
        {
            ["first_name"] = p.First,
            ["last_name"] = p.Last,
            ["city"] = p.City,
            ["plan"] = p.Plan,
        }));

    private static double RenderRaw(int count)
    {
        var stopwatch = Stopwatch.StartNew();
        var written = RawScriban.Render(RawTemplate, Recipients(count));
        stopwatch.Stop();
        GC.KeepAlive(written);
        return stopwatch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The compiled template's Scriban (each choice a <c>case __spin N</c>) in a bare context, <c>__spin</c> a plain
    /// function: the engine's own render without the sandbox, its time limit, normalising or hashing.
    /// </summary>
    private static double RenderRawWithChoices(MessageTemplate template, int count)
    {
        var context = new TemplateContext();
        var values = new ScriptObject();
        var n = 0u;
        values.Import(SpintaxLowering.SpinFunction, new Func<int, int>(options => (int)((n * 2654435761u) % (uint)options)));
        context.PushGlobal(values);
        long written = 0;
        var stopwatch = Stopwatch.StartNew();
        foreach (var recipient in Recipients(count))
        {
            foreach (var (column, value) in recipient.Fields)
            {
                values.SetValue(column, value, readOnly: false);
            }

            written += template.Body.Script.Render(context).Length;
            n++;
        }

        stopwatch.Stop();
        GC.KeepAlive(written);
        return stopwatch.Elapsed.TotalSeconds;
    }

    private static double PlanInMemory(MessageTemplate template, int count)
    {
        var stopwatch = Stopwatch.StartNew();
        var summary = VariationPlanner.Summarize(template, Recipients(count), Guid.CreateVersion7());
        stopwatch.Stop();
        if (!summary.RuleHolds)
        {
            throw new InvalidOperationException("The benchmark's template should keep the variation rule.");
        }

        return stopwatch.Elapsed.TotalSeconds;
    }

    private static async Task<PrepareRun> PrepareOnceAsync(
        CampaignService service, PrepareCampaignJob job, NpgsqlDataSource dataSource, TenantId tenant, ContactList list)
    {
        var draft = await service.CreateAsync(tenant, new CampaignDraft("bench", list.Id.Value, Template), CancellationToken.None);
        var campaign = draft.IsSuccess ? draft.Value : throw new InvalidOperationException(draft.Error.Message);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peak = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                await Task.Delay(20, CancellationToken.None);
            }
        });

        var cpuBefore = process.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var preparing = await service.PrepareAsync(tenant, campaign.Id, CancellationToken.None);
        if (!preparing.IsSuccess)
        {
            throw new InvalidOperationException(preparing.Error.Message);
        }

        var outcome = await job.RunAsync(campaign.Id, CancellationToken.None);
        stopwatch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        await sampling.CancelAsync();
        await sampler;
        var prepared = (await service.FindAsync(tenant, campaign.Id, CancellationToken.None)).Value;
        if (outcome != PrepareOutcome.Ready || prepared.Status != CampaignStatus.Ready)
        {
            throw new InvalidOperationException($"Prepare ended {outcome}: {prepared.PrepareError?.Message}");
        }

        var result = prepared.PrepareResult!;
        var description = $"{result.Ready:N0} ready, {result.DistinctBodies:N0} distinct bodies, at most {result.LargestShare} per body";

        // Not timed: the next round starts from an empty messages table.
        await using (var delete = dataSource.CreateCommand("delete from campaigns.campaigns where id = $1"))
        {
            delete.Parameters.Add(new() { Value = campaign.Id.Value });
            await delete.ExecuteNonQueryAsync();
        }

        await using (var vacuum = dataSource.CreateCommand("vacuum campaigns.messages"))
        {
            await vacuum.ExecuteNonQueryAsync();
        }

        return new PrepareRun(stopwatch.Elapsed.TotalSeconds, cpu, peak, description);
    }

    /// <summary>A list as the importer leaves one, written by COPY (the import has its own benchmark).</summary>
    private static async Task<ContactList> CreateListAsync(NpgsqlDataSource dataSource, TenantId tenant, int count)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(
            """
            insert into campaigns.contact_lists (id, tenant_id, name, default_region, phone_column, columns, row_count, imported)
            values ($1, $2, 'bench', 'KE', 'phone', $3, $4, $4)
            """, connection, transaction))
        {
            insert.Parameters.Add(new() { Value = id });
            insert.Parameters.Add(new() { Value = tenant.Value });
            insert.Parameters.Add(new() { Value = Columns });
            insert.Parameters.Add(new() { Value = count });
            await insert.ExecuteNonQueryAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync("copy campaigns.contacts (list_id, phone, line, fields) from stdin (format binary)"))
        {
            var line = 2;
            foreach (var person in People(count))
            {
                copy.StartRow();
                copy.Write(id, NpgsqlDbType.Uuid);
                copy.Write(person.Phone, NpgsqlDbType.Text);
                copy.Write(line++, NpgsqlDbType.Integer);
                copy.Write(
                    JsonSerializer.Serialize(new Dictionary<string, string>
                    {
                        ["first_name"] = person.First,
                        ["last_name"] = person.Last,
                        ["city"] = person.City,
                        ["plan"] = person.Plan,
                    }),
                    NpgsqlDbType.Jsonb);
            }

            await copy.CompleteAsync();
        }

        await transaction.CommitAsync();
        await using (var analyze = dataSource.CreateCommand("analyze campaigns.contacts"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return (await new ContactListStore(dataSource).FindAsync(tenant, new Domain.Contacts.ContactListId(id), CancellationToken.None))!;
    }

    private static async Task<string> CreateDatabaseAsync(string server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand("drop database if exists campaigns_bench_prepare with (force)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        var database = new NpgsqlConnectionStringBuilder(server) { Database = "campaigns_bench_prepare" }.ConnectionString;
        await DatabaseMigrator.MigrateAsync(database, NullLogger.Instance, CancellationToken.None);
        return database;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private sealed record PrepareRun(double Seconds, double CpuSeconds, long PeakWorkingSet, string Result);
}
