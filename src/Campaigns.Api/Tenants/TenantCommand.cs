using Campaigns.Engine.Tenants;

namespace Campaigns.Api.Tenants;

/// <summary>
/// <c>Campaigns.Api tenant create &lt;name&gt;</c>: creates a tenant and prints its API key as the last line of output.
/// </summary>
internal static class TenantCommand
{
    public static bool Matches(string[] args) => args is ["tenant", ..];

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (args is not ["tenant", "create", var name, ..] || string.IsNullOrWhiteSpace(name))
        {
            await Console.Error.WriteLineAsync("usage: Campaigns.Api tenant create <name>");
            return 2;
        }

        var (tenant, key) = await services.GetRequiredService<TenantStore>().CreateAsync(name, cancellationToken);
        Console.WriteLine($"Created tenant '{name.Trim()}' ({tenant}). Its API key, shown only now:");
        Console.WriteLine(key);
        return 0;
    }
}
