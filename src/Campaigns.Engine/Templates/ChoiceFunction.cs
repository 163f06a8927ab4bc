using System.Collections;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Campaigns.Engine.Templates;

/// <summary>
/// The template functions that choose, both deterministic per recipient through a <see cref="ChoiceSource"/>:
/// <c>pick</c> (<c>{{ pick ["Hi", "Hello"] }}</c>, <c>{{ pick "Hi" "Hello" }}</c> or <c>{{ ["Hi", "Hello"] | pick }}</c>
/// writes one of the values) and the engine's <c>__spin N</c>, which spintax groups compile to.
/// </summary>
internal sealed class ChoiceFunction(ChoiceSource choices, bool isSpin) : IScriptCustomFunction
{
    public const string PickName = "pick";

    public int RequiredParameterCount => 1;

    public int ParameterCount => 1;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), index == 0 ? "values" : "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(arguments);
        var span = callerContext?.Span ?? context.CurrentSpan;
        if (choices.IsFull)
        {
            throw new ChoiceLimitException(span);
        }

        if (isSpin)
        {
            return choices.Choose(context.ToInt(span, arguments[0]));
        }

        IList values = arguments is [IList list] ? list : arguments;
        if (values.Count == 0)
        {
            throw new ScriptRuntimeException(span, "pick needs values to choose from, such as pick [\"Hi\", \"Hello\"].");
        }

        return values[choices.Choose(values.Count)];
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult(Invoke(context, callerContext, arguments, blockStatement));
}
