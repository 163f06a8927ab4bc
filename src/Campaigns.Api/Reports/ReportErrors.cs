using Campaigns.Domain.Common;

namespace Campaigns.Api.Reports;

/// <summary>Errors of the reports' requests.</summary>
internal static class ReportErrors
{
    public static Error CursorOfAnotherListing() => new(
        "request.invalid_parameter",
        $"'after' is the 'next' of another listing: expected {MessageCursor.Expected}.",
        "after");
}
