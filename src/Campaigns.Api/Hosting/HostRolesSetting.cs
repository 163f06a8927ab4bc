namespace Campaigns.Api.Hosting;

/// <summary>Reads <see cref="HostRoles"/> from configuration, before the host is built (the roles decide what is registered).</summary>
internal static class HostRolesSetting
{
    public const string Key = "Campaigns:Roles";

    /// <summary>The roles named by <see cref="Key"/> (comma-separated, any case); both when unset. Anything else stops the start, naming the setting.</summary>
    public static HostRoles Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var text = configuration[Key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return HostRoles.Api | HostRoles.Worker;
        }

        HostRoles roles = 0;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            roles |= part.ToUpperInvariant() switch
            {
                "API" => HostRoles.Api,
                "WORKER" => HostRoles.Worker,
                _ => throw new InvalidOperationException($"Setting '{Key}' names an unknown role '{part}': use api, worker or api,worker."),
            };
        }

        return roles;
    }
}
