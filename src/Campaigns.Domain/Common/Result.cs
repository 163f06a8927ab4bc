namespace Campaigns.Domain.Common;

/// <summary>
/// The outcome of an operation that can fail in an expected way: either a value or an <see cref="Error"/>.
/// <c>default(Result&lt;T&gt;)</c> is not a valid result; create one from a value or an error.
/// </summary>
public readonly struct Result<T>
{
    private readonly T? _value;
    private readonly Error? _error;

    private Result(T value)
    {
        _value = value;
        _error = null;
    }

    private Result(Error error)
    {
        _value = default;
        _error = error;
    }

    public bool IsSuccess => _error is null;

    /// <summary>The value; throws when the result is an error (a programmer's mistake).</summary>
    public T Value => _error is null ? _value! : throw new InvalidOperationException($"Result is an error: {_error.Code}");

    /// <summary>The error; throws when the result is a success.</summary>
    public Error Error => _error ?? throw new InvalidOperationException("Result is a success.");

    public static implicit operator Result<T>(T value) => new(value);

    public static implicit operator Result<T>(Error error) => new(error ?? throw new ArgumentNullException(nameof(error)));
}
