using System.ComponentModel.DataAnnotations;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Media;

/// <summary>Media checks (section <c>Media</c>): what validation accepts as base64, and the pre-flight of media urls.</summary>
internal sealed class MediaOptions
{
    public const string SectionName = "Media";

    /// <value>
    /// The most decoded bytes of a campaign's base64 media (the real gateway answers 500 above about 2.7 MB). Default
    /// 2,700,000; 1 to 100,000,000.
    /// </value>
    [Range(1, 100_000_000)]
    public int MaxBase64Bytes { get; set; } = MediaAttachment.DefaultMaxBase64Bytes;

    /// <value>The longest a media url's pre-flight may take, redirects included. Default 10 s; 1 s to 2 minutes.</value>
    [Range(typeof(TimeSpan), "00:00:01", "00:02:00")]
    public TimeSpan PreflightTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <value>
    /// Whether the pre-flight may fetch from loopback, private, link-local and other non-public addresses. Default false,
    /// so that a tenant cannot use it to probe internal hosts; tests and a local sandbox demo turn it on.
    /// </value>
    public bool AllowPrivateAddresses { get; set; }
}
