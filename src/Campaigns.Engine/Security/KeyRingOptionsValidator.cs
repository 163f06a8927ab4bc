using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Security;

/// <summary>Refuses a Production host whose key ring would be stored unencrypted (a configured certificate is checked when it is loaded).</summary>
internal sealed class KeyRingOptionsValidator(IHostEnvironment environment) : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrEmpty(options.CertificatePath) && environment.IsProduction()
            ? ValidateOptionsResult.Fail(KeyRingCertificate.Missing)
            : ValidateOptionsResult.Success;
    }
}
