namespace Campaigns.Domain.Common;

/// <summary>
/// A value that may be absent, as a field of a JSON Merge Patch (RFC 7396) is: absent leaves what is there unchanged,
/// present (even as <c>null</c>) replaces it. <c>default</c> is absent.
/// </summary>
public readonly record struct Optional<T>
{
    private readonly T _value;

    public Optional(T value)
    {
        _value = value;
        HasValue = true;
    }

    /// <summary>Whether the value was given.</summary>
    public bool HasValue { get; }

    /// <summary>The value given; throws when none was (a programmer's mistake).</summary>
    public T Value => HasValue ? _value : throw new InvalidOperationException("No value was given.");

    /// <summary>The value given, or <paramref name="current"/> when none was.</summary>
    public T Or(T current) => HasValue ? _value : current;

    public static implicit operator Optional<T>(T value) => new(value);
}
