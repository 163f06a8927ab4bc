using Campaigns.Domain.Common;
using Campaigns.Domain.Templates;
using Scriban.Syntax;

namespace Campaigns.Engine.Templates;

/// <summary>
/// Reads a compiled template's syntax tree for the names it uses. A name is fine when it is a variable of the list,
/// a built-in, or set by the template itself (<c>x = …</c>, <c>for x in</c>, <c>capture x</c>, <c>func x</c> and its
/// parameters); names inside <c>with</c> blocks are not checked, since they may be members of the object. A member
/// of a built-in object (<c>string.uppercase</c>) must exist, and the closest one is suggested when it does not.
/// </summary>
internal sealed class ScriptAnalyzer
{
    private readonly TemplateVariables _variables;
    private readonly TemplatePart _part;
    private readonly HashSet<string> _defined = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private readonly List<Error> _errors = [];
    private readonly List<TemplateVariable> _referenced = [];
    private long _choiceProduct = 1;
    private bool _upperBound = true;

    private ScriptAnalyzer(TemplateVariables variables, TemplatePart part)
    {
        _variables = variables;
        _part = part;
    }

    public static ScriptAnalysis Analyze(ScriptPage page, TemplateVariables variables, TemplatePart part)
    {
        ArgumentNullException.ThrowIfNull(page);
        var analyzer = new ScriptAnalyzer(variables, part);
        analyzer.CollectDefinitions(page);
        analyzer.Check(page, inWith: false, inLoop: false);
        return new ScriptAnalysis(analyzer._errors, analyzer._referenced, analyzer._choiceProduct, analyzer._upperBound);
    }

    private void CollectDefinitions(ScriptNode node)
    {
        switch (node)
        {
            case ScriptAssignExpression { Target: ScriptVariableGlobal target }:
                _defined.Add(target.Name);
                break;
            case ScriptForStatement { Variable: ScriptVariableGlobal variable }:
                _defined.Add(variable.Name);
                break;
            case ScriptCaptureStatement { Target: ScriptVariableGlobal target }:
                _defined.Add(target.Name);
                break;
            case ScriptFunction { NameOrDoToken: ScriptVariableGlobal name }:
                _defined.Add(name.Name);
                break;
            case ScriptParameter { Name: { } parameter }:
                _defined.Add(parameter.Name);
                break;
        }

        foreach (var child in node.Children)
        {
            if (child is not null)
            {
                CollectDefinitions(child);
            }
        }
    }

    private void Check(ScriptNode node, bool inWith, bool inLoop)
    {
        switch (node)
        {
            case ScriptVariableGlobal variable when IsUse(variable):
                CheckName(variable, inWith);
                break;
            case ScriptMemberExpression { Target: ScriptVariableGlobal target, Member: { } member }
                when TemplateSandbox.BlockedMembers.Contains($"{target.Name}.{member.Name}") && IsBuiltin(target.Name):
                Report($"{target.Name}.{member.Name}", node, TemplateErrors.FunctionNotAllowed);
                break;
            case ScriptMemberExpression { Target: ScriptVariableGlobal target, Member: { } member }
                when IsBuiltin(target.Name) && TemplateSandbox.BuiltinMembers.TryGetValue(target.Name, out var members)
                     && !members.Contains(member.Name):
                // Scriban reads an unknown member as empty (or fails calling it) at render time: every recipient would be skipped.
                if (_reported.Add($"{target.Name}.{member.Name}"))
                {
                    _errors.Add(TemplateErrors.UnknownFunction(
                        _part.Field, _part.Locate(member.Span.Start.Offset), target.Name, member.Name, Closest(member.Name, members)));
                }

                break;
            case ScriptFunctionCall call:
                CountChoices(call, inLoop);
                CheckPattern(call);
                break;
            case ScriptLoopStatementBase or ScriptFunction:
                inLoop = true;
                break;
            case ScriptWithStatement:
                inWith = true;
                break;
        }

        foreach (var child in node.Children)
        {
            if (child is not null)
            {
                Check(child, inWith, inLoop);
            }
        }
    }

    private void CheckName(ScriptVariableGlobal variable, bool inWith)
    {
        var name = variable.Name;
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            if (!_part.Map.IsGenerated(variable.Span.Start.Offset))
            {
                Report(name, variable, TemplateErrors.ReservedName);
            }

            return;
        }

        if (_variables.TryGet(name, out var known))
        {
            if (!_referenced.Contains(known))
            {
                _referenced.Add(known);
            }

            return;
        }

        if (_defined.Contains(name) || inWith || name is "for" or "while" or "tablerow")
        {
            return;
        }

        if (TemplateSandbox.BlockedGlobals.Contains(name))
        {
            Report(name, variable, TemplateErrors.FunctionNotAllowed);
        }
        else if (!TemplateSandbox.BuiltinNames.Contains(name) && _reported.Add(name))
        {
            var suggestion = _variables.Suggest(name);
            _errors.Add(TemplateErrors.UnknownVariable(
                _part.Field, _part.Locate(variable.Span.Start.Offset), name, suggestion?.Name, suggestion?.Column));
        }
    }

    private void CountChoices(ScriptFunctionCall call, bool inLoop)
    {
        if (call.Target is not ScriptVariableGlobal { Name: var name }
            || !(name == SpintaxLowering.SpinFunction || (name == ChoiceFunction.PickName && IsBuiltin(name))))
        {
            return;
        }

        long? options = call.Arguments.Count switch
        {
            1 when call.Arguments[0] is ScriptArrayInitializerExpression array => array.Values.Count,
            1 when name == SpintaxLowering.SpinFunction && call.Arguments[0] is ScriptLiteral { Value: int count } => count,
            > 1 => call.Arguments.Count,
            0 when call.Parent is ScriptPipeCall { From: ScriptArrayInitializerExpression piped } pipe && ReferenceEquals(pipe.To, call) => piped.Values.Count,
            _ => null,
        };
        if (options is null || inLoop)
        {
            _upperBound = false;
        }

        _choiceProduct = Multiply(_choiceProduct, Math.Max(options ?? 1, 1));
    }

    /// <summary>A pattern written in the template for a <c>regex</c> function must be one the non-backtracking engine can run.</summary>
    private void CheckPattern(ScriptFunctionCall call)
    {
        if (call.Target is not ScriptMemberExpression { Target: ScriptVariableGlobal { Name: TemplateRegex.ObjectName }, Member: { } member }
            || !TemplateRegex.PatternFunctions.Contains(member.Name) || !IsBuiltin(TemplateRegex.ObjectName))
        {
            return;
        }

        // Piped (text | regex.match pattern) the text is not among the arguments.
        var first = call.Parent is ScriptPipeCall pipe && ReferenceEquals(pipe.To, call) ? 0 : 1;
        var optionsAt = first + (member.Name == "replace" ? 2 : 1);
        if (call.Arguments.Count <= first || call.Arguments[first] is not ScriptLiteral { Value: string pattern } literal)
        {
            return;
        }

        var options = call.Arguments.Count > optionsAt && call.Arguments[optionsAt] is ScriptLiteral { Value: string written } ? written : null;
        if (TemplateRegex.Check(pattern, options) is { } reason)
        {
            _errors.Add(TemplateErrors.RegexInvalid(_part.Field, _part.Locate(literal.Span.Start.Offset), reason));
        }
    }

    /// <summary>A name that reads a value, not one that is being set or is a member, key or argument name.</summary>
    private static bool IsUse(ScriptVariableGlobal variable) => variable.Parent switch
    {
        ScriptMemberExpression member => !ReferenceEquals(member.Member, variable),
        ScriptObjectMember member => !ReferenceEquals(member.Name, variable),
        ScriptNamedArgument argument => !ReferenceEquals(argument.Name, variable),
        ScriptAssignExpression assign => !ReferenceEquals(assign.Target, variable),
        ScriptForStatement loop => !ReferenceEquals(loop.Variable, variable),
        ScriptCaptureStatement capture => !ReferenceEquals(capture.Target, variable),
        ScriptFunction function => !ReferenceEquals(function.NameOrDoToken, variable),
        ScriptParameter => false,
        _ => true,
    };

    private bool IsBuiltin(string name) => !_variables.TryGet(name, out _) && !_defined.Contains(name);

    private void Report(string name, ScriptNode node, Func<string, TextLocation, string, Error> error)
    {
        if (_reported.Add(name))
        {
            _errors.Add(error(_part.Field, _part.Locate(node.Span.Start.Offset), name));
        }
    }

    /// <summary>The member whose name is nearest to <paramref name="name"/> (ties go to the first in order), or null when there is none.</summary>
    private static string? Closest(string name, IEnumerable<string> members) =>
        members.Order(StringComparer.Ordinal)
               .Select(m => (Member: m, Distance: EditDistance.Between(name.ToLowerInvariant(), m)))
               .OrderBy(c => c.Distance)
               .Select(c => c.Member)
               .FirstOrDefault();

    private static long Multiply(long a, long b) => b != 0 && a > long.MaxValue / b ? long.MaxValue : a * b;
}
