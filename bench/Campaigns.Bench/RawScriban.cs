using Campaigns.Domain.Templates;
using Campaigns.Engine.Templates;
using Scriban;
using Scriban.Runtime;

namespace Campaigns.Bench;

/// <summary>The baseline of the prepare benchmark: a plain Scriban render of a template in a loop, nothing of the product around it.</summary>
internal static class RawScriban
{
    /// <summary>
    /// Renders <paramref name="scribanText"/> (plain Scriban, no spintax) for every recipient with a bare Scriban
    /// context: no sandbox limits, no normalising or hashing. Returns the characters written, so nothing is optimised away.
    /// </summary>
    public static long Render(string scribanText, IEnumerable<TemplateRecipient> recipients)
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
}
