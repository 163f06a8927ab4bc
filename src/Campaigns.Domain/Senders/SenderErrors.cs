using Campaigns.Domain.Common;

namespace Campaigns.Domain.Senders;

public static class SenderErrors
{
    /// <summary>Several fields at once: <see cref="Error.Details"/> holds <c>errors</c>, each field with its messages.</summary>
    public static Error InvalidSettings(IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return new Error(
            "sender.invalid_settings",
            string.Join(" ", errors.Values.SelectMany(m => m)),
            errors.Count == 1 ? errors.Keys.First() : null)
        {
            Details = new Dictionary<string, object?> { ["errors"] = errors },
        };
    }
}
