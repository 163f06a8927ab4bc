using System.Data;
using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Common;
using Campaigns.Domain.Contacts;
using Campaigns.Domain.Templates;
using Campaigns.Domain.Tenants;
using Campaigns.Engine.BulkSends;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Database;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Senders;
using Campaigns.Engine.Templates;
using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// Prepares one campaign: renders every recipient's message once, under the content-variation rule, and stores it with
/// the hash of its normalised body; then the campaign is ready, or a draft again with the reason. A job in Hangfire's
/// sense: its argument is an id, and it is idempotent — any number of runs, concurrent or after a crash, end with one
/// message per recipient.
/// </summary>
/// <remarks>
/// <para>
/// <b>Claiming.</b> A run first takes a PostgreSQL advisory lock on the campaign, held by its connection for the whole
/// run: a second run (another worker, another process) finds it taken and does nothing, and a run whose process dies
/// loses it with its connection, so the campaign can be taken up again at once. The claim then counts an attempt and,
/// in one transaction, deletes any messages an interrupted run left and resets the progress: every run starts from
/// scratch, since the variation planner's counts cannot be resumed halfway.
/// </para>
/// <para>
/// <b>Streaming.</b> In the contact import's pipeline (<see cref="BatchPipeline"/>), a producer plans the list as
/// preview does (<see cref="ListPlan"/>: one connection, rows streamed in phone order), while this thread copies
/// finished batches into <c>messages</c> by binary COPY on another connection; two batches in flight bound memory
/// whatever the size of the list. The planner keeps a count per distinct body, never the recipients. A template that
/// reaches one of its limits with any contact fails as a whole: the campaign goes back to draft with the reason.
/// </para>
/// <para>
/// <b>One transaction.</b> All the messages go in inside one transaction, committed together with the move to
/// <c>ready</c>: a campaign is ready exactly when all its messages are stored, and a failed, cancelled or killed run
/// leaves nothing behind. When the rule cannot hold, nothing more is copied once that is known, the transaction is
/// rolled back, and the campaign goes back to draft with the shortfall. Progress is written after each batch on a
/// third, autocommit connection, so that the campaign shows it while the run goes on.
/// </para>
/// </remarks>
internal sealed class PrepareCampaignJob(
    NpgsqlDataSource dataSource,
    ContactListStore lists,
    TemplateCompiler compiler,
    IBackgroundJobClient jobs,
    IOptions<PrepareOptions> options,
    IClock clock,
    ILogger<PrepareCampaignJob> logger)
{
    /// <summary>
    /// The Hangfire job (<see cref="PrepareJobs"/> enqueues it): <see cref="RunAsync(CampaignId, CancellationToken)"/>,
    /// and when the tenant's slots are all taken the same job is scheduled again
    /// <see cref="PrepareOptions.TenantBusyDelay"/> later (no worker waits, and the campaign keeps its job id).
    /// </summary>
    /// <remarks>
    /// One retry layer: ours. Hangfire does not retry (<c>Attempts = 0</c>): a run that throws counted an attempt in its
    /// claim, its job fails (visible in the dashboard), and the sweeper enqueues the campaign again at its next run, up
    /// to <see cref="PrepareOptions.MaxAttempts"/>; then the claim sends it back to draft with
    /// <c>campaign.prepare_failed</c>. A crash or a shutdown is not a retry: Hangfire runs the job again, and a
    /// graceful stop gives its attempt back.
    /// </remarks>
    /// <param name="context">Hangfire's, substituted when the job runs (enqueue with null).</param>
    /// <param name="cancellationToken">The server's shutdown token, substituted when the job runs (enqueue with <c>None</c>).</param>
    [JobDisplayName("Prepare campaign {0}")]
    [Queue(JobQueues.Prepare)]
    [AutomaticRetry(Attempts = 0)]
    public async Task<PrepareOutcome> PerformAsync(Guid campaignId, PerformContext? context, CancellationToken cancellationToken)
    {
        var outcome = await RunAsync(new CampaignId(campaignId), cancellationToken);
        if (outcome is PrepareOutcome.TenantBusy && context is not null)
        {
            // Expected state Processing: a job deleted from the dashboard meanwhile stays deleted.
            jobs.ChangeState(context.BackgroundJob.Id, new ScheduledState(options.Value.TenantBusyDelay), ProcessingState.StateName);
        }

        return outcome;
    }

    public Task<PrepareOutcome> RunAsync(CampaignId id, CancellationToken cancellationToken) => RunAsync(id, null, cancellationToken);

    /// <param name="progress">Told after each stored batch (tests use it to interrupt a run halfway).</param>
    public async Task<PrepareOutcome> RunAsync(CampaignId id, IProgress<CampaignProgress>? progress, CancellationToken cancellationToken)
    {
        await using var writer = await dataSource.OpenConnectionAsync(cancellationToken);
        if (!await PrepareLocks.TryLockCampaignAsync(writer, id, cancellationToken))
        {
            return PrepareOutcome.NotClaimed;
        }

        TenantId? tenant = null;
        int? slot = null;
        try
        {
            tenant = await TenantOfPreparingAsync(writer, id, cancellationToken);
            if (tenant is null)
            {
                return PrepareOutcome.NotPreparing;
            }

            slot = await PrepareLocks.TryTakeTenantSlotAsync(writer, tenant.Value, options.Value.MaxPerTenant, cancellationToken);
            if (slot is null)
            {
                CampaignLog.PrepareTenantBusy(logger, id.Value, options.Value.MaxPerTenant);
                return PrepareOutcome.TenantBusy;
            }

            var claim = await ClaimAsync(writer, id, cancellationToken);
            if (claim is null)
            {
                return PrepareOutcome.NotPreparing;
            }

            if (claim.Attempt > options.Value.MaxAttempts)
            {
                await AbandonAsync(id, CampaignErrors.PrepareFailed(claim.Attempt - 1), null, 0, cancellationToken);
                return PrepareOutcome.BackToDraft;
            }

            if (claim.Attempt > 1)
            {
                CampaignLog.PrepareResumed(logger, id.Value, claim.Attempt);
            }
            else
            {
                CampaignLog.PrepareStarted(logger, id.Value, claim.Attempt);
            }

            try
            {
                return await PrepareAsync(writer, id, claim, progress, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // A graceful stop is not the campaign's failure: give the attempt back (even though we are stopping);
                // the next start resumes it.
                await ForgiveAttemptAsync(id, CancellationToken.None);
                CampaignLog.PrepareInterrupted(logger, id.Value);
                throw;
            }
        }
        finally
        {
            // A broken connection has lost its locks already.
            if (writer.FullState == ConnectionState.Open)
            {
                if (slot is { } held)
                {
                    await PrepareLocks.ReleaseTenantSlotAsync(writer, tenant!.Value, held);
                }

                await PrepareLocks.UnlockCampaignAsync(writer, id);
            }
        }
    }

    /// <summary>The campaign's tenant, read before the claim so that the tenant's slot is taken first; null when it is not preparing.</summary>
    private static async Task<TenantId?> TenantOfPreparingAsync(NpgsqlConnection connection, CampaignId id, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("select tenant_id from campaigns.campaigns where id = $1 and status = 'preparing'", connection);
        command.Parameters.Add(new() { Value = id.Value });
        return await command.ExecuteScalarAsync(cancellationToken) is Guid tenant ? new TenantId(tenant) : null;
    }

    /// <summary>Counts an attempt and removes what an interrupted run left, in one transaction; null when the campaign is not preparing.</summary>
    private async Task<Claim?> ClaimAsync(NpgsqlConnection connection, CampaignId id, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        Claim? claim = null;
        await using (var update = new NpgsqlCommand(
            """
            update campaigns.campaigns
               set prepare_attempts = prepare_attempts + 1, prepare_started_at = $2, recipients_rendered = 0
             where id = $1 and status = 'preparing'
            returning tenant_id, contact_list_id, template, media, max_identical, prepare_attempts, recipients_total
            """, connection, transaction))
        {
            update.Parameters.Add(new() { Value = id.Value });
            update.Parameters.Add(new() { Value = clock.GetCurrentInstant() });
            await using var reader = await update.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                claim = new Claim(
                    new TenantId(reader.GetGuid(0)),
                    reader.IsDBNull(1) ? null : new ContactListId(reader.GetGuid(1)),
                    reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : JsonSerializer.Deserialize<MediaDraft>(reader.GetString(3), CampaignStore.Json),
                    reader.GetInt32(4),
                    reader.GetInt32(5),
                    reader.GetInt32(6));
            }
        }

        if (claim is null)
        {
            return null;
        }

        await using (var delete = new NpgsqlCommand("delete from campaigns.messages where campaign_id = $1", connection, transaction))
        {
            delete.Parameters.Add(new() { Value = id.Value });
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return claim;
    }

    private async Task<PrepareOutcome> PrepareAsync(
        NpgsqlConnection writer, CampaignId id, Claim claim, IProgress<CampaignProgress>? progress, CancellationToken cancellationToken)
    {
        var list = claim.List is { } listId ? await lists.FindAsync(claim.Tenant, listId, cancellationToken) : null;
        if (list is null)
        {
            await AbandonAsync(id, CampaignErrors.UnknownContactList(), null, 0, cancellationToken);
            return PrepareOutcome.BackToDraft;
        }

        var compiled = compiler.Compile(new TemplateDraft(claim.Template, claim.Media), CampaignValidator.Variables(list));
        if (!compiled.IsSuccess)
        {
            // Checked when the prepare was asked for; only a change of the template options since can bring this.
            await AbandonAsync(id, CampaignValidator.ToRequestField(compiled.Error), null, 0, cancellationToken);
            return PrepareOutcome.BackToDraft;
        }

        var started = Stopwatch.GetTimestamp();
        var plan = new ListPlan(compiled.Value, id.Value, claim.MaxIdentical);
        // Withdrawn: the campaign left preparing (its owner took it back to draft); the run stops and stores nothing.
        using var withdrawn = new CancellationTokenSource();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, withdrawn.Token);
        var watch = Task.Run(() => WatchStatusAsync(id, withdrawn, stop.Token), CancellationToken.None);

        await using var transaction = await writer.BeginTransactionAsync(cancellationToken);
        long rendered = 0;
        var storing = true;
        try
        {
            await BatchPipeline.RunAsync<MessageBatch>(
                (output, token) => ProduceAsync(claim, list, plan, output, token),
                async (batch, token) =>
                {
                    storing &= batch.OverLimit == 0; // once the rule fails nothing more is stored: it is all rolled back
                    if (storing)
                    {
                        await CopyAsync(writer, id, batch);
                    }

                    rendered += batch.Count;
                    if (!await ReportProgressAsync(id, rendered, token))
                    {
                        await withdrawn.CancelAsync();
                        token.ThrowIfCancellationRequested();
                    }

                    progress?.Report(new CampaignProgress(claim.Total, (int)rendered));
                    CampaignLog.PrepareProgress(logger, id.Value, rendered, claim.Total);
                },
                stop.Token);
        }
        catch (OperationCanceledException) when (withdrawn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            // The pipeline has stopped its producer already.
            await transaction.RollbackAsync(CancellationToken.None);
            CampaignLog.PrepareWithdrawn(logger, id.Value, rendered);
            return PrepareOutcome.NotPreparing;
        }
        finally
        {
            await stop.CancelAsync(); // ends the watch
            await watch;
        }

        if (plan.Failure is { } failure)
        {
            // A limit of the template, met with one contact, fails it for all: nothing of the list is kept.
            await transaction.RollbackAsync(cancellationToken);
            await AbandonAsync(id, CampaignValidator.ToRequestField(failure), null, rendered, cancellationToken);
            return PrepareOutcome.BackToDraft;
        }

        var result = plan.Result;
        if (plan.VariationError is { } shortfall)
        {
            await transaction.RollbackAsync(cancellationToken);
            await AbandonAsync(id, CampaignValidator.ToRequestField(shortfall), result, rendered, cancellationToken);
            return PrepareOutcome.BackToDraft;
        }

        var ready = CampaignLifecycle.Apply(id, CampaignStatus.Preparing, CampaignTransition.FinishPreparing).Value;
        bool? bulk; // null: no longer preparing
        await using (var finish = new NpgsqlCommand(
            """
            update campaigns.campaigns
               set status = $2, recipients_rendered = $3, prepare_result = $4, prepare_error = null, prepared_at = $5, updated_at = $5
             where id = $1 and status = 'preparing'
            returning origin = 'bulk'
            """, writer, transaction))
        {
            finish.Parameters.Add(new() { Value = id.Value });
            finish.Parameters.Add(new() { Value = StatusText.Name(ready) });
            finish.Parameters.Add(new() { Value = (int)rendered });
            finish.Parameters.Add(new() { Value = JsonSerializer.Serialize(result, CampaignStore.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
            finish.Parameters.Add(new() { Value = clock.Now() });
            bulk = await finish.ExecuteScalarAsync(cancellationToken) switch
            {
                null => null,
                bool isBulk => isBulk,
                _ => false, // a campaign without an origin
            };
            if (bulk is null)
            {
                return PrepareOutcome.NotPreparing; // taken back to draft meanwhile: the messages are rolled back
            }
        }

        await transaction.CommitAsync(cancellationToken);
        if (bulk == true)
        {
            // A bulk send starts itself once ready; should this enqueue be lost, start-due-campaigns starts it.
            var campaignId = id.Value;
            jobs.Enqueue<BulkStarter>(starter => starter.RunAsync(campaignId, CancellationToken.None));
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        CampaignLog.Prepared(logger, id.Value, result.Ready, result.Skipped, result.DistinctBodies, result.LargestShare, seconds);
        return PrepareOutcome.Ready;
    }

    /// <summary>Plans the list (<see cref="ListPlan"/>), handing full batches to the consumer; stops at a template failure.</summary>
    private async Task ProduceAsync(Claim claim, ContactList list, ListPlan plan, ChannelWriter<MessageBatch> output, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var size = options.Value.BatchSize;
        var batch = new MessageBatch(size);
        await foreach (var recipient in plan.PlanAsync(connection, claim.Tenant, list.Id, limit: null, cancellationToken))
        {
            var planned = recipient.Planned;
            switch (planned.Status)
            {
                case PlanStatus.Ready:
                    batch.AddPending(recipient.Phone, recipient.Line, planned.Message!);
                    break;
                case PlanStatus.Skipped:
                    batch.AddSkipped(recipient.Phone, recipient.Line, planned.Reason!);
                    break;
                default:
                    batch.AddOverLimit();
                    break;
            }

            if (batch.IsFull)
            {
                await output.WriteAsync(batch, cancellationToken);
                batch = new MessageBatch(size);
            }
        }

        if (batch.Count > 0)
        {
            await output.WriteAsync(batch, cancellationToken);
        }
    }

    /// <remarks>
    /// Values are written synchronously, as in the contact import: a Task per value was most of the client's CPU.
    /// A batch is not cancelled halfway: cancelling a COPY breaks its connection, and the advisory lock would then
    /// linger until the server noticed. A batch takes a fraction of a second; a stop is seen between batches.
    /// </remarks>
    private static async Task CopyAsync(NpgsqlConnection connection, CampaignId id, MessageBatch batch)
    {
        var pending = StatusText.Name(MessageStatus.Pending);
        var skipped = StatusText.Name(MessageStatus.Skipped);
        await using var copy = await connection.BeginBinaryImportAsync(
            "copy campaigns.messages (campaign_id, phone, line, status, body, body_hash, skip_code, skip_reason, time_zone) from stdin (format binary)",
            CancellationToken.None);
        for (var i = 0; i < batch.Stored; i++)
        {
            copy.StartRow();
            copy.Write(id.Value, NpgsqlDbType.Uuid);
            copy.Write(batch.Phones[i], NpgsqlDbType.Text);
            copy.Write(batch.Lines[i], NpgsqlDbType.Integer);
            if (batch.Reasons[i] is { } reason)
            {
                copy.Write(skipped, NpgsqlDbType.Text);
                copy.WriteNull();
                copy.WriteNull();
                copy.Write(reason.Code, NpgsqlDbType.Text);
                copy.Write(reason.Message, NpgsqlDbType.Text);
                copy.WriteNull(); // never sent: no send window to open
            }
            else
            {
                copy.Write(pending, NpgsqlDbType.Text);
                copy.Write(batch.Bodies[i]!, NpgsqlDbType.Text);
                copy.Write(batch.Hashes[i]!, NpgsqlDbType.Bytea);
                copy.WriteNull();
                copy.WriteNull();
                // The recipient's zone, for send windows kept in the recipient's own time; null when the number does not tell.
                if (SenderTimeZones.OfNumber(batch.Phones[i]) is { } zone)
                {
                    copy.Write(zone, NpgsqlDbType.Text);
                }
                else
                {
                    copy.WriteNull();
                }
            }
        }

        await copy.CompleteAsync(CancellationToken.None);
    }

    /// <summary>Writes the progress; false when the campaign is no longer preparing (the run must stop).</summary>
    private async Task<bool> ReportProgressAsync(CampaignId id, long rendered, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update campaigns.campaigns set recipients_rendered = $2 where id = $1 and status = 'preparing'");
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = (int)rendered });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>
    /// Looks every <see cref="PrepareOptions.StatusCheckInterval"/> whether the campaign is still preparing, and cancels
    /// <paramref name="withdrawn"/> when it is not: a batch can take long (a slow template, a big list), and a campaign
    /// taken back to draft must free its worker and its tenant's slot promptly, not at the end of the batch.
    /// </summary>
    private async Task WatchStatusAsync(CampaignId id, CancellationTokenSource withdrawn, CancellationToken cancellationToken)
    {
        try
        {
            using var timer = new PeriodicTimer(options.Value.StatusCheckInterval);
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await using var command = dataSource.CreateCommand("select status = 'preparing' from campaigns.campaigns where id = $1");
                command.Parameters.Add(new() { Value = id.Value });
                if (await command.ExecuteScalarAsync(cancellationToken) is not true)
                {
                    await withdrawn.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // the run ended
        }
        catch (Exception ex) // a failed look is not the run's failure: the status write at the end is guarded anyway
        {
            CampaignLog.StatusWatchFailed(logger, ex, id.Value);
        }
    }

    /// <summary>Back to draft with the reason (and the summary, when the list was planned to the end); any messages go.</summary>
    private async Task AbandonAsync(CampaignId id, Error error, PrepareResult? result, long rendered, CancellationToken cancellationToken)
    {
        var draft = CampaignLifecycle.Apply(id, CampaignStatus.Preparing, CampaignTransition.AbandonPreparing).Value;
        await using var command = dataSource.CreateCommand(
            """
            with moved as (
                update campaigns.campaigns
                   set status = $2, prepare_error = $3, prepare_result = $4, recipients_rendered = $5, updated_at = $6
                 where id = $1 and status = 'preparing'
                returning id)
            delete from campaigns.messages where campaign_id in (select id from moved)
            """);
        command.Parameters.Add(new() { Value = id.Value });
        command.Parameters.Add(new() { Value = StatusText.Name(draft) });
        command.Parameters.Add(new() { Value = JsonSerializer.Serialize(PrepareError.From(error), CampaignStore.Json), NpgsqlDbType = NpgsqlDbType.Jsonb });
        command.Parameters.Add(new()
        {
            Value = result is null ? DBNull.Value : JsonSerializer.Serialize(result, CampaignStore.Json),
            NpgsqlDbType = NpgsqlDbType.Jsonb,
        });
        command.Parameters.Add(new() { Value = (int)rendered });
        command.Parameters.Add(new() { Value = clock.Now() });
        await command.ExecuteNonQueryAsync(cancellationToken);
        CampaignLog.PrepareAbandoned(logger, id.Value, error.Code);
    }

    private async Task ForgiveAttemptAsync(CampaignId id, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "update campaigns.campaigns set prepare_attempts = greatest(prepare_attempts - 1, 0) where id = $1 and status = 'preparing'");
        command.Parameters.Add(new() { Value = id.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record Claim(
        TenantId Tenant, ContactListId? List, string? Template, MediaDraft? Media, int MaxIdentical, int Attempt, int Total);

    /// <summary>Planned recipients on their way to COPY: the first <see cref="Stored"/> are rows; over-limit ones are only counted.</summary>
    private sealed class MessageBatch(int capacity)
    {
        public string[] Phones { get; } = new string[capacity];

        public int[] Lines { get; } = new int[capacity];

        public string?[] Bodies { get; } = new string?[capacity];

        public byte[]?[] Hashes { get; } = new byte[]?[capacity];

        /// <summary>Why a row is skipped; null for a pending message.</summary>
        public Error?[] Reasons { get; } = new Error?[capacity];

        public int Stored { get; private set; }

        /// <summary>Recipients planned: stored rows and over-limit ones.</summary>
        public int Count { get; private set; }

        public int OverLimit { get; private set; }

        public bool IsFull => Count == capacity;

        public void AddPending(string phone, int line, RenderedMessage message)
        {
            Phones[Stored] = phone;
            Lines[Stored] = line;
            Bodies[Stored] = message.Text;
            Hashes[Stored] = message.BodyHash;
            Stored++;
            Count++;
        }

        public void AddSkipped(string phone, int line, Error reason)
        {
            Phones[Stored] = phone;
            Lines[Stored] = line;
            Reasons[Stored] = reason;
            Stored++;
            Count++;
        }

        public void AddOverLimit()
        {
            OverLimit++;
            Count++;
        }
    }
}
