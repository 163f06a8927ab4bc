using Campaigns.Domain.Common;

namespace Campaigns.Engine.Reports;

/// <summary>Why a test send is refused (each names the number at fault as <c>numbers[i]</c>).</summary>
internal static class TestSendErrors
{
    public const int MaxNumbers = 5;

    public static Error Count(int count) => new(
        "test.numbers_count", $"Give 1 to {MaxNumbers} numbers to test with; {count} were given.", "numbers");

    public static Error InvalidNumber(int index, string reason) => new(
        "test.invalid_number", $"Number {index + 1} cannot be used: {reason}.", $"numbers[{index}]");

    public static Error Suppressed(int index) => new(
        "test.suppressed", $"Number {index + 1} is on the suppression list (or opted out): it is not sent to, not even a test.", $"numbers[{index}]");

    public static Error NotRendered(int index, string reason) => new(
        "test.render_failed", $"The message for number {index + 1} cannot be rendered: {reason}", $"numbers[{index}]");

    public static Error NoList() => new(
        "test.no_list", "The campaign has no contact list to render its message with: set contactListId.", "contactListId", ErrorKind.Conflict);
}
