using System.Buffers.Binary;
using System.Globalization;
using Campaigns.Domain.Campaigns;
using Campaigns.Domain.Tenants;
using Npgsql;

namespace Campaigns.Engine.Campaigns;

/// <summary>
/// The claim of a prepare, in PostgreSQL advisory locks held by the run's connection (so a run whose process dies
/// loses them with its connection, and every process sees the same claims; Hangfire may run a job twice):
/// <list type="bullet">
/// <item>one lock per campaign (class <c>prep</c>): one run at a time prepares a campaign;</item>
/// <item><see cref="PrepareOptions.MaxPerTenant"/> slots per tenant (classes <c>prs</c> + slot): a run must also hold one
/// of its tenant's slots, so one tenant's prepares can never hold every worker, whatever the number of processes.</item>
/// </list>
/// A run that finds its tenant's slots taken schedules its job again (<see cref="PrepareCampaignJob.PerformAsync"/>).
/// </summary>
internal static class PrepareLocks
{
    /// <summary>The highest <see cref="PrepareOptions.MaxPerTenant"/>: the slot classes are <see cref="TenantSlotClass"/> + 0 … 63.</summary>
    public const int MaxSlots = 64;

    // Advisory locks in the two-key form, which does not overlap the one-key form (used by migrations): "prep".
    private const int CampaignClass = 0x70726570;

    /// <summary>The class of a tenant's first slot ("prs\0"); slot i is this + i, the tenant's key is the second key.</summary>
    public const int TenantSlotClass = 0x70727300;

    /// <summary>The advisory lock key of a campaign: its id folded to 32 bits (a collision only makes one campaign wait a scan).</summary>
    public static int CampaignKey(CampaignId id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.Value.TryWriteBytes(bytes);
        var folded = BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
        return (int)(folded ^ (folded >> 32));
    }

    /// <summary>The last 32 bits of the tenant's id (random in every UUID version); two tenants sharing it share slots.</summary>
    public static int TenantKey(TenantId tenant) =>
        (int)uint.Parse(tenant.Value.ToString("N")[24..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public static Task<bool> TryLockCampaignAsync(NpgsqlConnection connection, CampaignId id, CancellationToken cancellationToken) =>
        ExecuteAsync(connection, "select pg_try_advisory_lock($1, $2)", CampaignClass, CampaignKey(id), cancellationToken);

    public static Task UnlockCampaignAsync(NpgsqlConnection connection, CampaignId id) =>
        ExecuteAsync(connection, "select pg_advisory_unlock($1, $2)", CampaignClass, CampaignKey(id), CancellationToken.None);

    /// <summary>Takes a free slot of the tenant's <paramref name="slots"/>; null when every one is held (by any process).</summary>
    public static async Task<int?> TryTakeTenantSlotAsync(
        NpgsqlConnection connection, TenantId tenant, int slots, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(slots);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slots, MaxSlots);
        var key = TenantKey(tenant);
        for (var slot = 0; slot < slots; slot++)
        {
            if (await ExecuteAsync(connection, "select pg_try_advisory_lock($1, $2)", TenantSlotClass + slot, key, cancellationToken))
            {
                return slot;
            }
        }

        return null;
    }

    public static Task ReleaseTenantSlotAsync(NpgsqlConnection connection, TenantId tenant, int slot) =>
        ExecuteAsync(connection, "select pg_advisory_unlock($1, $2)", TenantSlotClass + slot, TenantKey(tenant), CancellationToken.None);

    private static async Task<bool> ExecuteAsync(NpgsqlConnection connection, string sql, int key1, int key2, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new() { Value = key1 });
        command.Parameters.Add(new() { Value = key2 });
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
