using System.Runtime.CompilerServices;
using Campaigns.Domain.Common;

namespace Campaigns.Api.Common;

/// <summary>
/// Which fields a JSON Merge Patch (RFC 7396) body named. A request class calls <see cref="Set{T}"/> from each
/// property's setter, which the JSON reader calls only for a field that is present: so a field left out (keep) is told
/// from one sent as <c>null</c> (clear, or restore the default). Every PATCH body of the API reads its fields this way.
/// </summary>
internal sealed class MergePatchFields
{
    private readonly HashSet<string> _given = new(StringComparer.Ordinal);

    public void Set<T>(out T field, T value, [CallerMemberName] string name = "")
    {
        field = value;
        _given.Add(name);
    }

    /// <summary>The property's value when the body named it; absent otherwise.</summary>
    public Optional<T> Of<T>(T value, [CallerArgumentExpression(nameof(value))] string name = "") =>
        _given.Contains(name) ? new Optional<T>(value) : default;
}
