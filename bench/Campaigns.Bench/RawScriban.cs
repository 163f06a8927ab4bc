using System.Globalization;
using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Scriban;
using Scriban.Runtime;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Entry points for <c>bench/</c>: the full prepare path in memory (planner, sandboxed render, normalise, hash, count)
/// against a plain Scriban render of the same template in a loop, on the same synthetic recipients.
/// </summary>
/// <example>
/// <code>
/// var template = TemplateThroughput.Compile("{Hi|Hello} {{ first_name }}, your code is {{ code }}.", ["First Name", "Code"]);
/// var recipients = TemplateThroughput.Recipients(100_000, ["First Name", "Code"], distinctValues: 1_000);
/// var prepared = TemplateThroughput.Prepare(template, recipients);           // time this…
/// var raw = TemplateThroughput.RenderRaw("Hi {{ first_name }}, your code is {{ code }}.", recipients); // …against this
/// </code>
/// </example>
internal static class TemplateThroughput
{
    /// <summary>Compiles with default options; throws when the template is not valid (a benchmark's mistake).</summary>
    public static MessageTemplate Compile(string text, IReadOnlyList<string> columns, TemplateOptions? options = null)
    {
        var compiler = new TemplateCompiler(Microsoft.Extensions.Options.Options.Create(options ?? new TemplateOptions()));
        var result = compiler.Compile(new TemplateDraft(text), TemplateVariables.From(columns));
        return result.IsSuccess
            ? result.Value
            : throw new ArgumentException($"Invalid template: {result.Error.Message} {string.Join("; ", Errors(result.Error))}", nameof(text));
    }

    /// <summary>
    /// <paramref name="count"/> recipients with distinct numbers; column i of recipient n holds one of
    /// <paramref name="distinctValues"/> values (<c>Column-k</c>), so recipients repeat their data as real lists do.
    /// Lazy: nothing is held in memory.
    /// </summary>
    public static IEnumerable<TemplateRecipient> Recipients(int count, IReadOnlyList<string> columns, int distinctValues)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(distinctValues);
        for (var n = 0; n < count; n++)
        {
            var fields = new Dictionary<string, string>(columns.Count);
            for (var i = 0; i < columns.Count; i++)
            {
                fields[columns[i]] = string.Create(CultureInfo.InvariantCulture, $"{columns[i]}-{(n * 7919L + i) % distinctValues}");
            }

            yield return new TemplateRecipient(string.Create(CultureInfo.InvariantCulture, $"+2547{n:D8}"), fields);
        }
    }

    /// <summary>Prepares every recipient in memory, as preparing a campaign does, and returns the summary.</summary>
    public static VariationSummary Prepare(
        MessageTemplate template, IEnumerable<TemplateRecipient> recipients, int maxIdentical = VariationRule.DefaultMaxIdentical) =>
        VariationPlanner.Summarize(template, recipients, Guid.Empty, maxIdentical);

    /// <summary>
    /// Renders <paramref name="scribanText"/> (plain Scriban, no spintax) for every recipient with a bare Scriban
    /// context: no sandbox limits, no normalising or hashing. Returns the characters written, so nothing is optimised away.
    /// </summary>
    public static long RenderRaw(string scribanText, IEnumerable<TemplateRecipient> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var template = Template.Parse(scribanText);
        if (template.HasErrors)
        {
            throw new ArgumentException(string.Join("; ", template.Messages), nameof(scribanText));
        }

        var context = new TemplateContext();
        var values = new ScriptObject();
        context.PushGlobal(values);
        long written = 0;
        foreach (var recipient in recipients)
        {
            foreach (var (column, value) in recipient.Fields)
            {
                values.SetValue(TemplateVariableName.Alias(column) ?? column, value, readOnly: false);
            }

            values.SetValue(TemplateVariables.PhoneName, recipient.Phone, readOnly: false);
            written += template.Render(context).Length;
        }

        return written;
    }

    private static IEnumerable<string> Errors(Error error) =>
        error.Details.TryGetValue("errors", out var list) && list is IEnumerable<IReadOnlyDictionary<string, object?>> entries
            ? entries.Select(e => $"{e["code"]}: {e["message"]}")
            : [];
}
