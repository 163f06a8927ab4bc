namespace Campaigns.Domain.Templates;

/// <summary>
/// The variables of a template over one contact list: <c>phone</c> (the recipient's number in E.164, always), each
/// column by its header where the header is a valid name, and each column by its snake_case alias
/// (<see cref="TemplateVariableName"/>). When names clash, <c>phone</c> wins, then exact headers, then aliases in
/// column order. The phone column's own header and alias also mean <c>phone</c>.
/// </summary>
public sealed class TemplateVariables
{
    /// <summary>The variable that always holds the recipient's number in E.164.</summary>
    public const string PhoneName = "phone";

    private readonly Dictionary<string, TemplateVariable> _byName;

    private TemplateVariables(IReadOnlyList<string> columns, Dictionary<string, TemplateVariable> byName)
    {
        Columns = columns;
        _byName = byName;
    }

    /// <summary>The columns whose values the contacts carry as fields (the phone column is not among them).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Every name a template can use, in a stable order.</summary>
    public IEnumerable<TemplateVariable> All => _byName.Values;

    /// <param name="columns">The field columns, headers exactly as in the file.</param>
    /// <param name="phoneColumn">The header of the phone column, if it is to be a name for <c>phone</c> too.</param>
    public static TemplateVariables From(IReadOnlyList<string> columns, string? phoneColumn = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var byName = new Dictionary<string, TemplateVariable>(StringComparer.Ordinal)
        {
            [PhoneName] = new TemplateVariable(PhoneName, null),
        };
        foreach (var column in columns)
        {
            if (TemplateVariableName.IsIdentifier(column))
            {
                byName.TryAdd(column, new TemplateVariable(column, column));
            }
        }

        foreach (var column in columns)
        {
            if (TemplateVariableName.Alias(column) is { } alias)
            {
                byName.TryAdd(alias, new TemplateVariable(alias, column));
            }
        }

        if (!string.IsNullOrWhiteSpace(phoneColumn))
        {
            if (TemplateVariableName.IsIdentifier(phoneColumn))
            {
                byName.TryAdd(phoneColumn, new TemplateVariable(phoneColumn, null));
            }

            if (TemplateVariableName.Alias(phoneColumn) is { } alias)
            {
                byName.TryAdd(alias, new TemplateVariable(alias, null));
            }
        }

        return new TemplateVariables(columns.ToArray(), byName);
    }

    public bool TryGet(string name, out TemplateVariable variable) => _byName.TryGetValue(name, out variable);

    /// <summary>
    /// The variable a mistyped <paramref name="name"/> most likely meant: the smallest edit distance to a name, compared
    /// ignoring case (case breaks ties), also after turning <paramref name="name"/> into its alias (so <c>FirstName</c> finds
    /// <c>first_name</c>); ties go to the earlier name. Null only when there are no names at all.
    /// </summary>
    public TemplateVariable? Suggest(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lowered = name.ToLowerInvariant();
        var alias = TemplateVariableName.Alias(name);
        TemplateVariable? best = null;
        var bestDistance = (int.MaxValue, int.MaxValue);
        foreach (var candidate in _byName.Values)
        {
            var target = candidate.Name.ToLowerInvariant();
            var distance = EditDistance.Between(lowered, target);
            if (alias is not null)
            {
                distance = Math.Min(distance, EditDistance.Between(alias, target));
            }

            // Case breaks ties: "citty" means "city" rather than "City".
            var rank = (distance, EditDistance.Between(name, candidate.Name));
            if (rank.CompareTo(bestDistance) < 0)
            {
                best = candidate;
                bestDistance = rank;
            }
        }

        return best;
    }
}
