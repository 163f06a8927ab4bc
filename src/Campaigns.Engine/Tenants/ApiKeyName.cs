using Campaigns.Domain.Common;

namespace Campaigns.Engine.Tenants;

/// <summary>What a tenant calls one of its API keys ("Shop backend", "Branch 12"): trimmed, 1 to 100 characters.</summary>
internal sealed record ApiKeyName
{
    public const int MaxLength = 100;

    private ApiKeyName(string value) => Value = value;

    public string Value { get; }

    public static Result<ApiKeyName> Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return ApiKeyErrors.NameRequired();
        }

        // string.Length counts UTF-16 units, never fewer than PostgreSQL's length() counts characters: the column's
        // check cannot refuse what passes here.
        return trimmed.Length > MaxLength ? ApiKeyErrors.NameTooLong(trimmed.Length) : new ApiKeyName(trimmed);
    }

    public override string ToString() => Value;
}
