using System.Collections.Frozen;
using Scriban;
using Scriban.Runtime;

namespace Campaigns.Engine.Templates;

/// <summary>
/// What a template may do. It sees only its recipient's values (strings) and Scriban's built-in functions, less those
/// that read files (<c>include</c>), evaluate text as code (<c>object.eval</c>) or are not deterministic
/// (<c>math.random</c>, <c>math.uuid</c>, <c>date.now</c>); no .NET member is visible (<c>"x".GetType</c> or
/// <c>.Length</c> fail), there is no template loader, and loops, recursion and output size are bounded by counts;
/// regular expressions run without backtracking and with a match timeout of their own (<see cref="TemplateRegex"/>).
/// </summary>
internal static class TemplateSandbox
{
    /// <summary>Built-in globals that are removed.</summary>
    public static readonly FrozenSet<string> BlockedGlobals = FrozenSet.ToFrozenSet(["include", "include_join"], StringComparer.Ordinal);

    /// <summary>Built-in functions that are removed, as <c>object.function</c>.</summary>
    public static readonly FrozenSet<string> BlockedMembers = FrozenSet.ToFrozenSet(
        ["math.random", "math.uuid", "date.now", "date.utc_now", "object.eval", "object.eval_template"], StringComparer.Ordinal);

    // One copy of the built-ins to read the names below from (static fields are initialised in this order).
    private static readonly ScriptObject ReferenceBuiltins = CreateBuiltins(new ChoiceSource());

    /// <summary>The names of the globals a template finds besides its variables: built-ins and <c>pick</c>.</summary>
    public static readonly FrozenSet<string> BuiltinNames = ReferenceBuiltins.Keys.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// The functions of each built-in object (<c>string</c>, <c>array</c>, <c>math</c>, <c>date</c>, …) that a template
    /// may call, less the blocked ones: a member that is not here does not exist.
    /// </summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> BuiltinMembers = ReferenceBuiltins
        .Select(b => (b.Key, Functions: b.Value as ScriptObject))
        .Where(b => b.Functions is not null)
        .ToFrozenDictionary(b => b.Key, b => b.Functions!.Keys.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    public static ScriptObject CreateBuiltins(ChoiceSource choices)
    {
        var builtins = TemplateContext.GetDefaultBuiltinObject(); // a deep copy: removing from it leaves Scriban's defaults alone
        foreach (var name in BlockedGlobals)
        {
            builtins.Remove(name);
        }

        foreach (var member in BlockedMembers)
        {
            var dot = member.IndexOf('.', StringComparison.Ordinal);
            if (builtins[member[..dot]] is ScriptObject functions)
            {
                functions.Remove(member[(dot + 1)..]);
            }
        }

        builtins.SetValue(TemplateRegex.ObjectName, TemplateRegex.Create(), readOnly: true);
        builtins.SetValue(ChoiceFunction.PickName, new ChoiceFunction(choices, isSpin: false), readOnly: true);
        builtins.SetValue(SpintaxLowering.SpinFunction, new ChoiceFunction(choices, isSpin: true), readOnly: true);
        return builtins;
    }

    public static TemplateContext CreateContext(ScriptObject builtins, TemplateOptions options) => new(builtins)
    {
        TemplateLoader = null,
        MemberFilter = static _ => false, // no .NET member of any object is visible
        EnableRelaxedMemberAccess = false,
        EnableRelaxedTargetAccess = false,
        EnableRelaxedFunctionAccess = false,
        StrictVariables = false, // a variable set in one branch only reads as empty in the other
        LoopLimit = options.LoopLimit,
        LoopLimitQueryable = options.LoopLimit,
        RecursiveLimit = options.RecursionLimit,
        LimitToString = options.OutputLimit,
        OnStringLimit = ScriptLimitBehavior.Throw,
        OutputLimit = options.OutputLimit,
        OnOutputLimit = ScriptLimitBehavior.Throw,
        ObjectRecursionLimit = 10,
        RegexTimeOut = options.RegexTimeout,
    };
}
