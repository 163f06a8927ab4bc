namespace Campaigns.Domain.Templates;

/// <summary>The kinds of media a campaign message can carry.</summary>
public enum MediaType
{
    /// <summary>A picture, shown with its caption.</summary>
    Image,

    /// <summary>A video, shown with its caption.</summary>
    Video,

    /// <summary>A file the recipient downloads; it needs a file name.</summary>
    Document,

    /// <summary>A voice note or audio file; WhatsApp shows no caption with it.</summary>
    Audio,
}
