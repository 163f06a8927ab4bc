using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Campaigns.Engine.Alerts;

/// <summary>
/// The signature of an alert: header <c>Campaigns-Signature: t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>, where the hex is
/// HMAC-SHA256 keyed with the secret's UTF-8 bytes over <c>"{t}.{body}"</c> (the body's exact bytes). A receiver
/// recomputes it and compares in constant time, and refuses a <c>t</c> far from its clock (a replay).
/// </summary>
internal static class AlertSignature
{
    public const string Header = "Campaigns-Signature";

    public const string EventIdHeader = "Campaigns-Event-Id";

    public static string Sign(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = unixSeconds.ToString(CultureInfo.InvariantCulture);
        var prefix = Encoding.UTF8.GetBytes(t + ".");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed);
        return $"t={t},v1={Convert.ToHexStringLower(mac)}";
    }
}
