namespace Campaigns.Domain.Templates;

/// <summary>A link through a URL shortener found in a text: the shortener's host as listed, and where its host name starts.</summary>
public readonly record struct ShortenerLink(string Host, int Start);
