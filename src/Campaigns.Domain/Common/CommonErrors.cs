namespace Campaigns.Domain.Common;

/// <summary>Errors every feature shares, built in one place so that each answers them alike.</summary>
public static class CommonErrors
{
    /// <summary>
    /// The one answer for a thing that does not exist and for another tenant's (which is as absent): code
    /// <c>not_found</c>, 404.
    /// </summary>
    /// <param name="what">What was looked for, e.g. <c>campaign</c> or <c>contact list</c>.</param>
    /// <param name="by">How it was looked for; default <c>with that id</c>.</param>
    public static Error NotFound(string what, string by = "with that id") =>
        new("not_found", $"No {what} {by}.", Kind: ErrorKind.NotFound);
}
