using Campaigns.Domain.Common;

namespace Campaigns.Engine.Alerts;

/// <summary>Why an alert URL is refused; each names the field <c>url</c>.</summary>
internal static class AlertErrors
{
    public const string Field = "url";

    public static Error Required() =>
        new("alerts.url_required", "The alert URL is required.", Field);

    public static Error Invalid(string reason) =>
        new("alerts.url_invalid", $"The alert URL is not usable: {reason}.", Field);

    public static Error NotHttps() =>
        new("alerts.url_not_https", "The alert URL must use https.", Field);

    public static Error Unresolvable(string host) =>
        new("alerts.url_unresolvable", $"The alert URL's host '{host}' cannot be resolved.", Field);

    public static Error NotPublic(string host, string address) =>
        new("alerts.url_not_public", $"The alert URL's host '{host}' resolves to {address}, which is not a public address.", Field);
}
