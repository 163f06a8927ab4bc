namespace Campaigns.Engine.Campaigns;

/// <summary>
/// The send window of a hidden campaign that goes now (a test send, a direct send): all day, every day, in UTC, as two
/// touching ranges (one range cannot be all day, as the Domain has it).
/// </summary>
internal static class AllDayWindow
{
    /// <summary>SQL values for <c>window_starts, window_ends, window_days, window_time_zone</c>, in that order.</summary>
    public const string Sql = "'{00:00,12:00}', '{12:00,00:00}', '{1,2,3,4,5,6,7}', 'UTC'";
}
