using Campaigns.Domain.Common;

namespace Campaigns.Api.Auth;

/// <summary>The refusals of <c>POST /api/auth/token</c>, each naming its field.</summary>
internal static class TokenErrors
{
    public static Error NoScopes() => new(
        "auth.no_scopes", $"Name at least one scope, or leave 'scopes' out for all of them ({string.Join(", ", ApiScopes.All)}).", "scopes");

    public static Error UnknownScope(string? scope) => new(
        "auth.unknown_scope", $"'{scope}' is not a scope; the scopes are {string.Join(", ", ApiScopes.All)}.", "scopes");

    public static Error TooManyScopes(int count, int maximum) => new(
        "auth.too_many_scopes", $"'scopes' lists at most {maximum} entries ({count} sent); the scopes are {string.Join(", ", ApiScopes.All)}.", "scopes");

    public static Error ExpiresInTooShort(int expiresIn) => new(
        "auth.invalid_expiry", $"'expiresIn' is in seconds and at least 1; {expiresIn} is not.", "expiresIn");

    public static Error ExpiresInTooLong(int expiresIn, int maximum) => new(
        "auth.expiry_too_long", $"A token lives at most {maximum} seconds (this server's token lifetime); {expiresIn} is longer.", "expiresIn");

    public static Error InvalidName() => new(
        "auth.invalid_name", "'name' has 1 to 100 characters.", "name");

    /// <summary>Every problem at once: <c>errors</c> maps each field to its messages; the first problem gives the code.</summary>
    public static Error Invalid(IReadOnlyList<Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var message = errors.Count == 1 ? errors[0].Message : $"The request has {errors.Count} problems; each is listed in errors.";
        return new Error(errors[0].Code, message, errors.Count == 1 ? errors[0].Field : null)
        {
            Details = new Dictionary<string, object?>
            {
                ["errors"] = errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            },
        };
    }
}
