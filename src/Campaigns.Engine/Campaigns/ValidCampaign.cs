using Campaigns.Domain.Scheduling;
using Campaigns.Domain.Senders;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Contacts;
using Campaigns.Engine.Templates;
using NodaTime;

namespace Campaigns.Engine.Campaigns;

/// <summary>A campaign draft that passed every check, with what the checks found (the list, the compiled template).</summary>
internal sealed record ValidCampaign(
    string Name,
    ContactList List,
    MessageTemplate Template,
    string? TemplateText,
    MediaDraft? Media,
    IReadOnlyList<SenderId> Senders,
    SendWindow SendWindow,
    Instant? StartAt,
    int MaxIdentical,
    bool StopOnReply);
