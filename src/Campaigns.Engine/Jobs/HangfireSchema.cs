using Hangfire.PostgreSql;
using Npgsql;

namespace Campaigns.Engine.Jobs;

/// <summary>
/// Hangfire's tables, in schema <see cref="Name"/> of the campaigns database. Installed (or upgraded) once per start by
/// <see cref="Database.DatabaseMigrator"/> under its advisory lock: two servers installing it at once on an empty
/// database were seen to fail (<c>could not find tuple for constraint</c>), so no server prepares it itself.
/// </summary>
internal static class HangfireSchema
{
    public const string Name = "hangfire";

    /// <summary>Applies the storage's install scripts not applied yet (each in its own transaction); needs an open connection.</summary>
    public static void Install(NpgsqlConnection connection) => PostgreSqlObjectsInstaller.Install(connection, Name);
}
