namespace Campaigns.Api.Jobs;

/// <summary>
/// The Hangfire dashboard at <see cref="Path"/> (section <c>Hangfire:Dashboard</c>), for operators: HTTP Basic with the
/// one operator account named here. Without both a name and a password there is no dashboard (a warning says so at start).
/// </summary>
internal sealed class OperatorDashboardOptions
{
    public const string SectionName = "Hangfire:Dashboard";

    public const string Path = "/hangfire";

    /// <summary>The authorization policy of the dashboard: an operator authenticated by <see cref="OperatorAuthenticationHandler"/>.</summary>
    public const string Policy = "Operators";

    /// <value>The operator's name. Default: none (no dashboard).</value>
    public string? Username { get; set; }

    /// <value>The operator's password; a long random one (<c>scripts/run</c> makes one). Default: none (no dashboard).</value>
    public string? Password { get; set; }

    public bool IsEnabled => !string.IsNullOrEmpty(Username) && !string.IsNullOrEmpty(Password);
}
