using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Campaigns.Sandbox;

/// <summary>Checks what DataAnnotations on <see cref="SandboxOptions"/> cannot: each configured instance, unique names, known zones.</summary>
internal sealed class SandboxOptionsValidator : IValidateOptions<SandboxOptions>
{
    public ValidateOptionsResult Validate(string? name, SandboxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Instances.Count; i++)
        {
            var instance = options.Instances[i];
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(instance, new ValidationContext(instance), results, validateAllProperties: true))
            {
                failures.AddRange(results.Select(r => $"Sandbox:Instances:{i}: {r.ErrorMessage}"));
            }

            if (!names.Add(instance.Name))
            {
                failures.Add($"Sandbox:Instances:{i}: the name '{instance.Name}' is used twice.");
            }

            if (instance.TimeZone is not null && DateTimeZoneProviders.Tzdb.GetZoneOrNull(instance.TimeZone) is null)
            {
                failures.Add($"Sandbox:Instances:{i}: '{instance.TimeZone}' is not an IANA time zone.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
