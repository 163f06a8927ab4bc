using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Campaigns.Engine.Templates;
using Microsoft.Extensions.Options;

namespace Campaigns.Engine.Tests.Templates;

/// <summary>Builds compilers, templates and recipients for the template tests.</summary>
internal static class TemplateKit
{
    public static readonly string[] Columns = ["First Name", "Last-Name", "City", "E-mail", "Note", "Link"];

    public static readonly Guid Seed = Guid.Parse("0197a5d2-3c4e-7f00-8a1b-2c3d4e5f6a7b");

    public static TemplateCompiler Compiler(TemplateOptions? options = null) => new(Options.Create(options ?? new TemplateOptions()));

    public static TemplateVariables Variables(params string[] columns) =>
        TemplateVariables.From(columns.Length == 0 ? Columns : columns, phoneColumn: "Mobile");

    public static MessageTemplate Compile(string text, TemplateOptions? options = null, string[]? columns = null)
    {
        var result = Compiler(options).Compile(new TemplateDraft(text), Variables(columns ?? []));
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : Describe(result.Error));
        return result.Value;
    }

    public static MessageTemplate CompileMedia(MediaDraft media)
    {
        var result = Compiler().Compile(new TemplateDraft(null, media), Variables());
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : Describe(result.Error));
        return result.Value;
    }

    public static IReadOnlyList<Error> Validate(string? text, MediaDraft? media = null, TemplateOptions? options = null, string[]? columns = null) =>
        Compiler(options).Validate(new TemplateDraft(text, media), Variables(columns ?? []));

    public static TemplateRecipient Recipient(string phone = "+254712345678", params (string Column, string Value)[] fields) =>
        new(phone, fields.ToDictionary(f => f.Column, f => f.Value));

    public static TemplateRecipient Ann => Recipient(fields: [("First Name", "Ann"), ("Last-Name", "Otieno"), ("City", "Nairobi")]);

    public static string Render(MessageTemplate template, TemplateRecipient recipient, Guid? seed = null)
    {
        var renderer = new MessageRenderer(template, seed ?? Seed);
        var result = renderer.Render(recipient);
        Assert.True(result.IsSuccess, result.IsSuccess ? "" : Describe(result.Error));
        return result.Value.Text;
    }

    public static Error RenderError(MessageTemplate template, TemplateRecipient recipient)
    {
        var renderer = new MessageRenderer(template, Seed);
        var result = renderer.Render(recipient);
        Assert.False(result.IsSuccess, result.IsSuccess ? $"Rendered: {result.Value.Text}" : "");
        return result.Error;
    }

    public static string Phone(int n) => $"+2547{n:D8}";

    private static string Describe(Error error) =>
        $"{error.Code}: {error.Message} " + string.Join("; ", (error.Details.GetValueOrDefault("errors") as IEnumerable<IReadOnlyDictionary<string, object?>> ?? [])
            .Select(e => $"{e["code"]} {e["message"]}"));
}
