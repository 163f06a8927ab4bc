namespace Campaigns.Sandbox.Messages;

/// <summary>The filters of <c>findMessages</c> that the sandbox honours; null means "any".</summary>
internal sealed record MessageQuery(
    string? RowId,
    string? KeyId,
    string? RemoteJid,
    bool? FromMe,
    string? MessageType,
    string? Source,
    long? TimestampFrom,
    long? TimestampTo,
    int Page,
    int PageSize);
