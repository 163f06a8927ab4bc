using Scriban.Parsing;
using Scriban.Syntax;

namespace Campaigns.Engine.Templates;

/// <summary>A render made more than <see cref="ChoiceSource.MaxChoices"/> choices: a limit of the template, not of one recipient.</summary>
internal sealed class ChoiceLimitException(SourceSpan span)
    : ScriptRuntimeException(span, $"The template makes more than {ChoiceSource.MaxChoices} choices.");
