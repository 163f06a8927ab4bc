using Campaigns.Engine.Contacts;

namespace Campaigns.Engine.Templates;

/// <summary>Whom a message is rendered for: the number in E.164 and the contact's fields by column header.</summary>
internal sealed record TemplateRecipient(string Phone, IReadOnlyDictionary<string, string> Fields)
{
    public static TemplateRecipient From(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return new TemplateRecipient(contact.Phone, contact.Fields);
    }
}
