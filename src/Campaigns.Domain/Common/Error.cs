namespace Campaigns.Domain.Common;

/// <summary>
/// An expected failure: a stable machine-readable <paramref name="Code"/> (e.g. <c>import.no_phone_column</c>),
/// a sentence for people, and optionally the request field it concerns.
/// </summary>
/// <param name="Code">Stable code, dot separated, safe to branch on.</param>
/// <param name="Message">What went wrong and what to do about it.</param>
/// <param name="Field">The request field at fault, when one is (e.g. <c>defaultRegion</c>).</param>
/// <param name="Kind">How an API should answer it.</param>
public sealed record Error(string Code, string Message, string? Field = null, ErrorKind Kind = ErrorKind.Validation)
{
    /// <summary>Extra facts for the caller, e.g. the columns seen in a file. Never personal data.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; init; } = new Dictionary<string, object?>();
}
