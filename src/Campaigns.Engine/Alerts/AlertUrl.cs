using System.Net;
using System.Net.Sockets;
using Campaigns.Domain.Common;
using Campaigns.Engine.Media;

namespace Campaigns.Engine.Alerts;

/// <summary>
/// What an alert URL must be: absolute, at most <see cref="MaxLength"/> characters, without credentials, https, and on a
/// public address (every address its host resolves to, <see cref="PrivateAddresses"/>) unless
/// <see cref="AlertOptions.AllowPrivateAddresses"/>, which also lets a loopback URL use http. This is checked when the URL
/// is set; every delivery checks the addresses again as it connects (<see cref="MediaPreflight.ConnectAsync"/>), so a
/// host whose DNS later points inside is refused then.
/// </summary>
internal static class AlertUrl
{
    public const int MaxLength = 2048;

    public static async Task<Result<Uri>> CheckAsync(string? text, bool allowPrivate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return AlertErrors.Required();
        }

        text = text.Trim();
        if (text.Length > MaxLength)
        {
            return AlertErrors.Invalid($"it is longer than {MaxLength} characters");
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return AlertErrors.Invalid("it is not an absolute http(s) URL");
        }

        if (url.UserInfo.Length > 0)
        {
            return AlertErrors.Invalid("it must not carry credentials");
        }

        var host = url.IdnHost.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
        {
            addresses = [literal];
        }
        else
        {
            try
            {
                addresses = await Dns.GetHostAddressesAsync(host, cancellationToken);
            }
            catch (SocketException)
            {
                return AlertErrors.Unresolvable(host);
            }

            if (addresses.Length == 0)
            {
                return AlertErrors.Unresolvable(host);
            }
        }

        if (!allowPrivate && addresses.FirstOrDefault(PrivateAddresses.Contains) is { } refused)
        {
            return AlertErrors.NotPublic(host, refused.ToString());
        }

        // http only for this machine, and only where private addresses are allowed (tests, a local demo).
        if (url.Scheme != Uri.UriSchemeHttps && !(allowPrivate && addresses.All(IPAddress.IsLoopback)))
        {
            return AlertErrors.NotHttps();
        }

        return url;
    }
}
