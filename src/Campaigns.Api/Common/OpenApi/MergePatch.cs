namespace Campaigns.Api.Common.OpenApi;

/// <summary>What the document says of every <c>PATCH</c>: one meaning for all of them, JSON Merge Patch.</summary>
internal static class MergePatch
{
    public const string Description =
        "The body follows JSON Merge Patch semantics (RFC 7396; `application/merge-patch+json`, or `application/json`): "
        + "a field left out stays as it is, a field sent as `null` is cleared or takes its default, and any other value replaces it.";
}
