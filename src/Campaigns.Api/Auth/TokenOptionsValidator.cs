using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Campaigns.Api.Auth;

/// <summary>Refuses to start with a signing key that has no id, a repeated id, or a secret that is not base64 of at least 32 bytes.</summary>
internal sealed partial class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.SigningKeys.Count; i++)
        {
            var key = options.SigningKeys[i];
            var path = $"{TokenOptions.SectionName}:SigningKeys:{i}";
            if (string.IsNullOrEmpty(key.Id) || !KeyId().IsMatch(key.Id))
            {
                failures.Add($"{path}:Id must be 1–64 letters, digits, '.', '_' or '-'.");
            }
            else if (!seen.Add(key.Id))
            {
                failures.Add($"{path}:Id '{key.Id}' is used by an earlier signing key: each key needs its own id.");
            }

            if (DecodeSecret(key.Secret) is not { Length: >= TokenSigningKey.MinSecretBytes })
            {
                failures.Add($"{path}:Secret must be base64 of at least {TokenSigningKey.MinSecretBytes} random bytes (e.g. openssl rand -base64 32).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The secret's bytes, or null when it is not base64.</summary>
    internal static byte[]? DecodeSecret(string? secret)
    {
        var buffer = new byte[((secret?.Length ?? 0) * 3 / 4) + 3];
        return secret is not null && Convert.TryFromBase64String(secret.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex KeyId();
}
