using System.Globalization;
using System.Text.RegularExpressions;
using Scriban.Syntax;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Which of a template's limits a render reached, read from Scriban's failure: its loop, recursion and string limits
/// throw <see cref="ScriptRuntimeException"/> with these messages (checked by the renderer's tests, so that a Scriban
/// update that rewords them is noticed), a regular expression's timeout arrives as the inner exception, and too many
/// choices as <see cref="ChoiceLimitException"/>.
/// </summary>
internal static class TemplateLimit
{
    /// <summary>What the template did past its limit, in words naming the setting; null when <paramref name="exception"/> is no limit.</summary>
    public static string? Of(ScriptRuntimeException exception, TemplateOptions options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(options);
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is RegexMatchTimeoutException)
            {
                return Format($"a regular expression ran longer than its match timeout of {options.RegexTimeout.TotalMilliseconds:N0} ms (Campaigns:Templates:RegexTimeout)");
            }
        }

        var message = exception.OriginalMessage;
        if (exception is ChoiceLimitException)
        {
            return Format($"it made more than {ChoiceSource.MaxChoices:N0} choices");
        }

        if (message.StartsWith("Exceeding number of iteration limit", StringComparison.Ordinal)
            || message.StartsWith("Range expression exceeds LoopLimit", StringComparison.Ordinal))
        {
            return Format($"its loops ran more than {options.LoopLimit:N0} iterations (Campaigns:Templates:LoopLimit)");
        }

        if (message.StartsWith("Exceeding number of recursive depth limit", StringComparison.Ordinal)
            || message.StartsWith("Exceeding recursive depth limit", StringComparison.Ordinal))
        {
            return Format($"its functions called each other more than {options.RecursionLimit:N0} deep (Campaigns:Templates:RecursionLimit)");
        }

        if (message.Contains("LimitToString", StringComparison.Ordinal) || message.Contains("OutputLimit", StringComparison.Ordinal))
        {
            return Format($"it wrote, or built a value, longer than {options.OutputLimit:N0} characters (Campaigns:Templates:OutputLimit)");
        }

        return null;
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
