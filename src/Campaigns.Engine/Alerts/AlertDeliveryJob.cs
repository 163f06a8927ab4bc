using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json;
using Campaigns.Engine.Jobs;
using Campaigns.Engine.Media;
using Campaigns.Engine.Security;
using Hangfire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Campaigns.Engine.Alerts;

/// <summary>
/// Posts waiting alerts (<c>campaigns.alert_outbox</c>) to their tenants' URLs, recurring every 5 s. A run first drops
/// each tenant's oldest events beyond <see cref="AlertOptions.MaxQueued"/>, then claims at most
/// <see cref="AlertOptions.BatchSize"/> due events, at most <see cref="AlertOptions.PerTenant"/> per tenant, tenants served
/// longest ago first, with <c>FOR UPDATE SKIP LOCKED</c>; a claim counts an attempt and leases the event (its
/// <c>next_attempt_at</c> moves past the run's longest possible length), so runs at once, or after a crash, never post an
/// event twice within the lease. Each event is one POST of <c>{ id, type, at, tenantId, data }</c> signed with
/// <see cref="AlertSignature"/>, within <see cref="AlertOptions.Timeout"/>, redirects not followed, connecting only to
/// public addresses (<see cref="MediaPreflight.ConnectAsync"/>) unless <see cref="AlertOptions.AllowPrivateAddresses"/>. A
/// 2xx answer delivers it; anything else is retried after <see cref="AlertOptions.RetryBase"/>, doubling up to
/// <see cref="AlertOptions.RetryMax"/>, and after <see cref="AlertOptions.MaxAttempts"/> dropped. The tenant's URL keeps
/// the last attempt's answer, since when it fails and how many events were dropped.
/// </summary>
internal sealed class AlertDeliveryJob(
    NpgsqlDataSource dataSource,
    HttpClient http,
    SecretProtector protector,
    IOptions<AlertOptions> options,
    IClock clock,
    ILogger<AlertDeliveryJob> logger)
{
    private const string Trim =
        """
        with over as (
            select id from (select id, row_number() over (partition by tenant_id order by id desc) as n
                              from campaigns.alert_outbox) ranked
             where n > $1),
        gone as (
            delete from campaigns.alert_outbox o using over where o.id = over.id returning o.tenant_id),
        counted as (
            update campaigns.alert_endpoints e set dropped = e.dropped + g.n
              from (select tenant_id, count(*) as n from gone group by tenant_id) g
             where e.tenant_id = g.tenant_id)
        select count(*)::int from gone
        """;

    private const string Claim =
        """
        with due as (
            select o.id, e.tenant_id
              from campaigns.alert_endpoints e
             cross join lateral (
                   select o.id from campaigns.alert_outbox o
                    where o.tenant_id = e.tenant_id and o.next_attempt_at <= now()
                    order by o.id
                    limit $2
                      for update skip locked) o
             order by e.served_at nulls first, e.tenant_id
             limit $1),
        served as (
            update campaigns.alert_endpoints e set served_at = now() where e.tenant_id in (select tenant_id from due))
        update campaigns.alert_outbox o set attempts = o.attempts + 1, next_attempt_at = now() + make_interval(secs => $3)
          from due, campaigns.alert_endpoints e
         where o.id = due.id and e.tenant_id = o.tenant_id
        returning o.id, o.event_id, o.tenant_id, o.type, o.at, o.data::text, o.attempts, e.url, e.secret_protected
        """;

    private const string Record =
        """
        with done as (
            delete from campaigns.alert_outbox where id = any($1)),
        retried as (
            update campaigns.alert_outbox o set next_attempt_at = now() + make_interval(secs => r.wait), last_error = r.status
              from unnest($2::bigint[], $3::float8[], $4::text[]) as r (id, wait, status)
             where o.id = r.id)
        update campaigns.alert_endpoints e
           set last_delivery_at = now(), last_status = t.status,
               failing_since = case when t.ok then null else coalesce(e.failing_since, now()) end,
               dropped = e.dropped + t.dropped
          from unnest($5::uuid[], $6::text[], $7::bool[], $8::int[]) as t (tenant_id, status, ok, dropped)
         where e.tenant_id = t.tenant_id
        """;

    private readonly AlertOptions _options = options.Value;

    /// <summary>The HttpClient's primary handler: the media pre-flight's (no redirects, connections only to addresses the options allow).</summary>
    public static SocketsHttpHandler CreateHandler(AlertOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return MediaPreflight.CreateGuardedHandler(options.AllowPrivateAddresses);
    }

    /// <summary>One run; returns how many events were delivered.</summary>
    [JobDisplayName("Alerts: post waiting events to tenants' alert URLs")]
    [Queue(JobQueues.Default)]
    [AutomaticRetry(Attempts = 0)] // it runs again at its next occurrence, and every event keeps its own attempts
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await TrimAsync(cancellationToken);
        var claimed = await ClaimAsync(cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var outcomes = new (bool Ok, string Status)[claimed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, claimed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = _options.Concurrency, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await DeliverAsync(claimed[i], token));
        await RecordAsync(claimed, outcomes, cancellationToken);
        return outcomes.Count(o => o.Ok);
    }

    private async Task TrimAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(Trim);
        command.Parameters.Add(new() { Value = _options.MaxQueued });
        if (await command.ExecuteScalarAsync(cancellationToken) is int dropped and > 0)
        {
            AlertLog.QueueTrimmed(logger, dropped, _options.MaxQueued);
        }
    }

    private async Task<List<AlertDelivery>> ClaimAsync(CancellationToken cancellationToken)
    {
        // Longer than the longest run: every round of deliveries may take the whole timeout.
        var rounds = (_options.BatchSize + _options.Concurrency - 1) / _options.Concurrency;
        var lease = _options.Timeout * rounds + TimeSpan.FromSeconds(30);
        await using var command = dataSource.CreateCommand(Claim);
        command.Parameters.Add(new() { Value = _options.BatchSize });
        command.Parameters.Add(new() { Value = _options.PerTenant });
        command.Parameters.Add(new() { Value = lease.TotalSeconds });
        var claimed = new List<AlertDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            claimed.Add(new AlertDelivery(
                reader.GetInt64(0), reader.GetGuid(1), reader.GetGuid(2), reader.GetString(3), reader.GetFieldValue<Instant>(4),
                reader.GetString(5), reader.GetInt16(6), new Uri(reader.GetString(7)), reader.GetString(8)));
        }

        return claimed;
    }

    private async Task<(bool Ok, string Status)> DeliverAsync(AlertDelivery delivery, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = protector.Unprotect(delivery.ProtectedSecret);
        }
        catch (CryptographicException)
        {
            return (false, "its secret cannot be decrypted (set the URL again)");
        }

        var body = Body(delivery);
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(AlertSignature.Header, AlertSignature.Sign(secret, clock.GetCurrentInstant().ToUnixTimeSeconds(), body));
        request.Headers.TryAddWithoutValidation(AlertSignature.EventIdHeader, delivery.EventId.ToString());
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            // Headers only: an answer's body is never read.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return (status is >= 200 and < 300, status.ToString(CultureInfo.InvariantCulture));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (false, "timeout");
        }
        catch (HttpRequestException exception)
        {
            return (false, exception.InnerException is MediaAddressRefusedException refused
                ? $"refused: {refused.Message}"
                : $"unreachable: {exception.HttpRequestError}");
        }
    }

    /// <summary>The event as posted: <c>{ id, type, at, tenantId, data }</c>.</summary>
    internal static byte[] Body(AlertDelivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("id", delivery.EventId);
            writer.WriteString("type", delivery.Type);
            writer.WriteString("at", InstantPattern.ExtendedIso.Format(delivery.At));
            writer.WriteString("tenantId", delivery.Tenant);
            writer.WritePropertyName("data");
            writer.WriteRawValue(delivery.Data);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private async Task RecordAsync(List<AlertDelivery> claimed, (bool Ok, string Status)[] outcomes, CancellationToken cancellationToken)
    {
        var done = new List<long>();
        var retried = new List<(long Id, double Wait, string Status)>();
        var tenants = new Dictionary<Guid, (string Status, bool Ok, int Dropped)>();
        for (var i = 0; i < claimed.Count; i++)
        {
            var (delivery, (ok, status)) = (claimed[i], outcomes[i]);
            var dropped = !ok && delivery.Attempt >= _options.MaxAttempts;
            if (ok || dropped)
            {
                done.Add(delivery.Id);
            }
            else
            {
                var wait = Backoff(delivery.Attempt);
                retried.Add((delivery.Id, wait.TotalSeconds, status));
                AlertLog.DeliveryFailed(logger, delivery.EventId, delivery.Type, delivery.Tenant, status, delivery.Attempt, wait);
            }

            if (dropped)
            {
                AlertLog.DeliveryDropped(logger, delivery.EventId, delivery.Type, delivery.Tenant, delivery.Attempt, status);
            }

            // Per tenant: the last answer in event order; one success means the URL works.
            var before = tenants.GetValueOrDefault(delivery.Tenant);
            tenants[delivery.Tenant] = (status, ok || before.Ok, before.Dropped + (dropped ? 1 : 0));
        }

        // Not the run's token: the posts happened, so their outcome is recorded even when the server is stopping.
        await using var command = dataSource.CreateCommand(Record);
        command.Parameters.Add(new() { Value = done.ToArray() });
        command.Parameters.Add(new() { Value = retried.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new() { Value = retried.Select(r => r.Wait).ToArray() });
        command.Parameters.Add(new() { Value = retried.Select(r => r.Status).ToArray() });
        command.Parameters.Add(new() { Value = tenants.Keys.ToArray() });
        command.Parameters.Add(new() { Value = tenants.Values.Select(t => t.Status).ToArray() });
        command.Parameters.Add(new() { Value = tenants.Values.Select(t => t.Ok).ToArray() });
        command.Parameters.Add(new() { Value = tenants.Values.Select(t => t.Dropped).ToArray() });
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }

    /// <summary>The wait after the <paramref name="attempt"/>th failed attempt: <see cref="AlertOptions.RetryBase"/> doubled per attempt after the first, at most <see cref="AlertOptions.RetryMax"/>.</summary>
    internal TimeSpan Backoff(int attempt)
    {
        var wait = _options.RetryBase * Math.Pow(2, Math.Min(attempt - 1, 30));
        return wait < _options.RetryMax ? wait : _options.RetryMax;
    }
}
