using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using Campaigns.Domain.Campaigns;
using Campaigns.Engine.Reports;
using NodaTime;

namespace Campaigns.Api.Reports;

/// <summary>
/// The <c>after</c> of the message listings: an opaque, URL-safe token (base64url, no padding) of a versioned binary
/// key — version (1), listing (one campaign's, or the tenant's log), the campaign's id, its creation time (the log's
/// order) and the last phone. Clients pass <c>next</c> back unchanged; anything that does not decode fails binding (400
/// naming <c>after</c>), and a token of another listing is refused by the endpoint (<see cref="IsFor"/>).
/// </summary>
internal sealed class MessageCursor
{
    /// <summary>What a valid value looks like, for the 400 that refuses one.</summary>
    public const string Expected = "the 'next' of the previous page of this listing, passed back unchanged";

    private const byte Version = 1;
    private const int HeaderBytes = 1 + 1 + 16 + 8;

    private MessageCursor(MessageListing listing, CampaignId campaign, Instant campaignCreatedAt, string phone)
    {
        Listing = listing;
        Campaign = campaign;
        CampaignCreatedAt = campaignCreatedAt;
        Phone = phone;
    }

    public MessageListing Listing { get; }

    public CampaignId Campaign { get; }

    public Instant CampaignCreatedAt { get; }

    public string Phone { get; }

    /// <summary>The key of the tenant's log this cursor continues from.</summary>
    public MessageLogKey LogKey => new(CampaignCreatedAt, Campaign, Phone);

    /// <summary>A token after <paramref name="phone"/> in one campaign's listing.</summary>
    public static string ForCampaign(CampaignId campaign, string phone) =>
        Encode(MessageListing.Campaign, campaign, Instant.FromUnixTimeTicks(0), phone);

    /// <summary>A token after <paramref name="key"/> in the tenant's log.</summary>
    public static string ForLog(MessageLogKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Encode(MessageListing.TenantLog, key.Campaign, key.CampaignCreatedAt, key.Phone);
    }

    /// <summary>Whether this cursor belongs to <paramref name="listing"/> (of <paramref name="campaign"/> for a campaign's).</summary>
    public bool IsFor(MessageListing listing, CampaignId? campaign = null) =>
        Listing == listing && (listing != MessageListing.Campaign || Campaign == campaign);

    public static bool TryParse(string? text, [NotNullWhen(true)] out MessageCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || text.Length > 200)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[160];
        if (Base64Url.DecodeFromChars(text, bytes, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != text.Length || written <= HeaderBytes || bytes[0] != Version || bytes[1] is not (1 or 2))
        {
            return false;
        }

        var phone = Encoding.UTF8.GetString(bytes[HeaderBytes..written]);
        if (phone.Length is < 2 or > 16 || phone[0] != '+' || phone.AsSpan(1).ContainsAnyExceptInRange('0', '9'))
        {
            return false;
        }

        cursor = new MessageCursor(
            (MessageListing)bytes[1],
            new CampaignId(new Guid(bytes.Slice(2, 16))),
            Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64BigEndian(bytes.Slice(18, 8))),
            phone);
        return true;
    }

    public override string ToString() => Encode(Listing, Campaign, CampaignCreatedAt, Phone);

    private static string Encode(MessageListing listing, CampaignId campaign, Instant createdAt, string phone)
    {
        var bytes = new byte[HeaderBytes + Encoding.UTF8.GetByteCount(phone)];
        bytes[0] = Version;
        bytes[1] = (byte)listing;
        campaign.Value.TryWriteBytes(bytes.AsSpan(2, 16));
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(18, 8), createdAt.ToUnixTimeTicks());
        Encoding.UTF8.GetBytes(phone, bytes.AsSpan(HeaderBytes));
        return Base64Url.EncodeToString(bytes);
    }
}
