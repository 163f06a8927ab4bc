using Npgsql;

namespace Campaigns.Tests.Shared;

/// <summary>
/// Counts the UPDATE statements on <c>campaigns.api_keys</c> that reach PostgreSQL, whether or not they change a row (a
/// statement-level trigger fires for every statement). Only for a database of the test class's own, whose tests run one
/// at a time; disposing removes the trigger.
/// </summary>
internal sealed class ApiKeyUpdateCounter : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    private ApiKeyUpdateCounter(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    public static async Task<ApiKeyUpdateCounter> InstallAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            """
            create table if not exists public.api_key_updates (n bigint not null);
            delete from public.api_key_updates;
            insert into public.api_key_updates values (0);
            create or replace function public.count_api_key_update() returns trigger language plpgsql as
              $$ begin update public.api_key_updates set n = n + 1; return null; end $$;
            drop trigger if exists count_updates on campaigns.api_keys;
            create trigger count_updates after update on campaigns.api_keys for each statement execute function public.count_api_key_update();
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new ApiKeyUpdateCounter(dataSource);
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("select n from public.api_key_updates");
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        await using var command = _dataSource.CreateCommand("drop trigger if exists count_updates on campaigns.api_keys");
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
