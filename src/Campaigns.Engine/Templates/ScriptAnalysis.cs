using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;

namespace Campaigns.Engine.Templates;

/// <summary>What reading a compiled template's code found.</summary>
/// <param name="Errors">Unknown variables, functions that are not allowed and reserved names, each once, where first used.</param>
/// <param name="Referenced">The variables the template reads, in order of first use.</param>
/// <param name="ChoiceProduct">The product of the option counts of every <c>pick</c> and spintax group.</param>
/// <param name="ChoiceProductIsUpperBound">
/// False when a choice sits in a loop or function, or <c>pick</c> chooses from values that are not written out: then
/// the template may make more bodies than <paramref name="ChoiceProduct"/>.
/// </param>
internal sealed record ScriptAnalysis(
    IReadOnlyList<Error> Errors,
    IReadOnlyList<TemplateVariable> Referenced,
    long ChoiceProduct,
    bool ChoiceProductIsUpperBound);
