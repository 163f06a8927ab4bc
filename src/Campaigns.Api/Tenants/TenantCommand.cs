using Campaigns.Engine.Tenants;

namespace Campaigns.Api.Tenants;

/// <summary>
/// <c>Campaigns.Api tenant create &lt;name&gt;</c>: creates a tenant and prints its API key as the last line of output.
/// <c>Campaigns.Api tenant check</c>: reads an API key from standard input (so that it stays out of process lists) and
/// exits 0 when it belongs to a tenant, 1 when not; <c>scripts/run</c> uses it to keep its demo tenant across starts.
/// </summary>
internal static class TenantCommand
{
    public static bool Matches(string[] args) => args is ["tenant", ..];

    public static Task<int> RunAsync(string[] args, IServiceProvider services, CancellationToken cancellationToken) =>
        RunAsync(args, services, Console.In, Console.Out, Console.Error, cancellationToken);

    internal static async Task<int> RunAsync(
        string[] args, IServiceProvider services, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var tenants = services.GetRequiredService<TenantStore>();
        if (args is ["tenant", "check", ..])
        {
            var key = (await input.ReadLineAsync(cancellationToken))?.Trim();
            var valid = !string.IsNullOrEmpty(key) && await tenants.FindByKeyAsync(key, cancellationToken) is not null;
            await error.WriteLineAsync(valid ? "The API key is valid." : "The API key is not valid.");
            return valid ? 0 : 1;
        }

        if (args is not ["tenant", "create", var name, ..] || string.IsNullOrWhiteSpace(name))
        {
            await error.WriteLineAsync("usage: Campaigns.Api tenant create <name> | tenant check < key");
            return 2;
        }

        var (tenant, created) = await tenants.CreateAsync(name, cancellationToken);
        await output.WriteLineAsync($"Created tenant '{name.Trim()}' ({tenant}). Its API key, shown only now:");
        await output.WriteLineAsync(created);
        return 0;
    }
}
