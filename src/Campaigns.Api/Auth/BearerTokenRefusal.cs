namespace Campaigns.Api.Auth;

/// <summary>
/// Why <see cref="BearerTokenEvents"/> refused a token whose signature and expiry are fine (tokens disabled, key
/// revoked): the authentication failure the challenge turns into a 401 problem with <paramref name="code"/>.
/// </summary>
internal sealed class BearerTokenRefusal(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
