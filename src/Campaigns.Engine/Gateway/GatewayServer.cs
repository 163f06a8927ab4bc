namespace Campaigns.Engine.Gateway;

/// <summary>
/// An Evolution gateway as a whole, for the calls that name no instance (<c>/instance/create</c>,
/// <c>/instance/fetchInstances</c>): its base URL and an API key, usually the gateway's global key.
/// <see cref="ToString"/> never shows the key.
/// </summary>
internal sealed record GatewayServer
{
    /// <param name="baseUrl">Absolute http(s) URL of the gateway, possibly with a path prefix; no user info, query or fragment.</param>
    /// <param name="apiKey">Sent as the <c>apikey</c> header.</param>
    public GatewayServer(Uri baseUrl, string apiKey)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        BaseUrl = NormalizeBaseUrl(baseUrl);
        ApiKey = apiKey;
    }

    /// <summary>The base URL, ending with <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public override string ToString() => BaseUrl.AbsoluteUri;

    /// <summary>A gateway base URL typed by a user, checked as <see cref="NormalizeBaseUrl"/> checks it; false when it is not one.</summary>
    internal static bool TryParseBaseUrl(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Uri? baseUrl)
    {
        baseUrl = null;
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url))
        {
            return false;
        }

        try
        {
            baseUrl = NormalizeBaseUrl(url);
            return true;
        }
        catch (ArgumentException) // the user's text, not our bug
        {
            return false;
        }
    }

    /// <summary>Checks a gateway base URL and makes it end with <c>/</c>, so relative paths resolve below any prefix.</summary>
    internal static Uri NormalizeBaseUrl(Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The gateway base URL must be an absolute http or https URL.", nameof(baseUrl));
        }

        // The key travels in the apikey header. Credentials, a query or a fragment in the URL would end up in logs
        // (base URLs are logged), and a query would be lost when paths are appended.
        if (baseUrl.UserInfo.Length > 0 || baseUrl.Query.Length > 0 || baseUrl.Fragment.Length > 0)
        {
            throw new ArgumentException("The gateway base URL must not carry user info, a query or a fragment.", nameof(baseUrl));
        }

        return baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
    }
}
