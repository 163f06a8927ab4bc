namespace Campaigns.Api.Common.OpenApi;

/// <summary>What the document says of every <c>PATCH</c>: one meaning for all of them, JSON Merge Patch.</summary>
internal static class MergePatch
{
    /// <summary>The media type of RFC 7396; plain <c>application/json</c> is read the same way.</summary>
    public const string ContentType = "application/merge-patch+json";

    public const string Description =
        "The body follows JSON Merge Patch semantics (RFC 7396; `application/merge-patch+json`, or `application/json`): "
        + "a field left out stays as it is, a field sent as `null` is cleared or takes its default, and any other value replaces it "
        + "(`media` and `sendWindow` are replaced whole, not merged).";
}
