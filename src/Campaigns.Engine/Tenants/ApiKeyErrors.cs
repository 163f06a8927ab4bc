using Campaigns.Domain.Common;

namespace Campaigns.Engine.Tenants;

/// <summary>Why a change to a tenant's API keys is refused.</summary>
internal static class ApiKeyErrors
{
    public static Error NameRequired() =>
        new("keys.name_required", "Give the key a name, so that you can tell it apart from your other keys.", "name");

    public static Error NameTooLong(int length) =>
        new("keys.name_too_long", $"A key's name has at most {ApiKeyName.MaxLength} characters; this one has {length}.", "name");

    public static Error TooMany() => new(
        "keys.too_many",
        $"A tenant has at most {ApiKeyStore.MaxActiveKeys} active keys: revoke one you no longer use first.",
        Kind: ErrorKind.Conflict);

    public static Error LastActiveKey() => new(
        "keys.last_active_key",
        "This is the tenant's last active key: revoking it would lock the tenant out. Create another key first.",
        Kind: ErrorKind.Conflict);

    public static Error NotFound() => CommonErrors.NotFound("API key");
}
