using Campaigns.Domain.Common;

namespace Campaigns.Engine.Suppressions;

/// <summary>The ways a change to the suppression list can be refused; each names the body (or the number) at fault.</summary>
internal static class SuppressionErrors
{
    public static Error InvalidNumbers(IReadOnlyList<InvalidSuppression> invalid)
    {
        ArgumentNullException.ThrowIfNull(invalid);
        return new Error("suppressions.invalid_numbers", $"{invalid.Count} of the numbers could not be read; nothing was stored.", "body")
        {
            Details = new Dictionary<string, object?>
            {
                ["invalid"] = invalid.Select(i => new Dictionary<string, object?>
                {
                    ["position"] = i.Position,
                    ["value"] = i.Value,
                    ["reason"] = i.Reason,
                }).ToArray(),
            },
        };
    }

    public static Error TooMany() => new(
        "suppressions.too_many", $"Send at most {SuppressionService.MaxNumbersPerRequest:N0} numbers per request.", "body", ErrorKind.TooLarge);

    public static Error Empty() => new("suppressions.empty", "The body holds no numbers.", "body");

    public static Error NotSuppressed() => CommonErrors.NotFound("such number", "on the suppression list");
}
