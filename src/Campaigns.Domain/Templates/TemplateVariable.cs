namespace Campaigns.Domain.Templates;

/// <summary>A name a template can use and where its value comes from.</summary>
/// <param name="Name">The name as written in the template, e.g. <c>first_name</c>.</param>
/// <param name="Column">The contact-list column (header exactly as in the file) it reads; null for <c>phone</c>, the recipient's number in E.164.</param>
public readonly record struct TemplateVariable(string Name, string? Column)
{
    public bool IsPhone => Column is null;
}
