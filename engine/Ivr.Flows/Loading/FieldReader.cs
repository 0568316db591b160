using System.Globalization;
using Ivr.Flows.Expressions;
using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading;

/// <summary>
/// Reads the fields of one YAML map (a node, <c>defaults:</c> or a flow's top level) against the
/// list of fields it may have: missing required fields, wrong types and unknown fields are reported
/// where they are written, and a usable fallback is returned so reading goes on.
/// </summary>
internal sealed class FieldReader(YamlMap map, string owner, IReadOnlyList<string> fields, FlowFileContext context, string sourceKey)
{
    private const string Keys = "0123456789*#";

    public YamlMap Map { get; } = map;

    /// <summary>How messages name the map: "menu 'main_menu'", "defaults".</summary>
    public string Owner { get; } = owner;

    public FlowFileContext Context { get; } = context;

    public bool Has(string field) => Map.Find(field) is not null;

    /// <summary>The field's value; reports it when <paramref name="required"/> and absent.</summary>
    public YamlValue? Value(string field, bool required = false)
    {
        if (Map.Find(field) is { } entry)
        {
            Context.Sources.Add(sourceKey, field, entry.Value.Location);
            return entry.Value;
        }

        if (required) Context.Error(OwnerLocation, $"{Owner} is missing the required field '{field}'");
        return null;
    }

    /// <summary>Where the owner's name was written (set by the caller for nodes); the map otherwise.</summary>
    public SourceLocation OwnerLocation { get; init; } = map.Location;

    public string? Text(string field, bool required = false)
    {
        var value = Value(field, required);
        if (value is null) return null;
        if (value is YamlScalar { Text: { } text }) return text;
        if (value is YamlScalar && !required) return null;
        Context.Error(value.Location, $"{Owner}: '{field}' must be text, not {value.Describe()}");
        return null;
    }

    public int? Integer(string field, int min, int max, string why = "")
    {
        var value = Value(field);
        if (value is null or YamlScalar { IsNull: true }) return null;
        if (value is YamlScalar { Text: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        Context.Error(value.Location, $"{Owner}: '{field}' must be a whole number from {min} to {max}, not {value.Describe()}{why}");
        return null;
    }

    public bool? Flag(string field)
    {
        var value = Value(field);
        switch (value)
        {
            case null or YamlScalar { IsNull: true }: return null;
            case YamlScalar { Text: "true" or "True" or "TRUE" }: return true;
            case YamlScalar { Text: "false" or "False" or "FALSE" }: return false;
        }

        Context.Error(value.Location, $"{Owner}: '{field}' must be true or false, not {value.Describe()}");
        return null;
    }

    public TimeSpan? Time(string field)
    {
        var value = Value(field);
        if (value is null or YamlScalar { IsNull: true }) return null;
        if (value is YamlScalar { Text: { } text } && Duration.TryParse(text, out var time)) return time;
        Context.Error(value.Location, $"{Owner}: '{field}' is not a duration: {value.Describe()}; write e.g. 5s, 500ms, 2m or 1h");
        return null;
    }

    /// <summary>A phone key (0-9, * or #). <paramref name="given"/> tells whether the field was written; null or "" turns the key off.</summary>
    public char? Key(string field, out bool given)
    {
        var value = Value(field);
        given = value is not null;
        if (value is null or YamlScalar { IsNull: true } or YamlScalar { Text: "" }) return null;
        if (value is YamlScalar { Text: { Length: 1 } text } && Keys.Contains(text[0])) return text[0];
        given = false;
        Context.Error(value.Location, $"{Owner}: '{field}' must be one key: 0-9, \"*\" or \"#\" (quoted), or null to turn it off; not {value.Describe()}");
        return null;
    }

    public Target? Target(string field, bool required = false)
    {
        var value = Value(field, required);
        if (value is null) return required ? FlowFileContext.Missing(OwnerLocation) : null;
        if (value is YamlScalar { IsNull: true } && !required) return null;
        return Context.ToTarget(value, $"{Owner}: '{field}'");
    }

    /// <summary>The field's prompt list; null when not written.</summary>
    public PromptList? Prompts(string field, bool required = false)
    {
        var value = Value(field, required);
        return value is null ? null : Context.ToPrompts(value, $"{Owner}: '{field}'");
    }

    public Expression? Expression(string field, bool required = false)
    {
        var value = Value(field, required);
        return value is null ? null : Context.ToExpression(value, $"{Owner}: '{field}'");
    }

    public YamlMap? SubMap(string field, bool required = false)
    {
        var value = Value(field, required);
        if (value is null or YamlScalar { IsNull: true }) return null;
        if (value is YamlMap sub) return sub;
        Context.Error(value.Location, $"{Owner}: '{field}' must be a map of name: value pairs, not {value.Describe()}");
        return null;
    }

    /// <summary>Reports every field not in the table, with the closest known one.</summary>
    public void ReportUnknownFields()
    {
        foreach (var (key, _) in Map.Entries)
        {
            if (fields.Contains(key.Text!)) continue;
            var hint = NameSuggester.Hint(key.Text!, fields);
            Context.Error(key.Location, hint.Length > 0
                ? $"unknown field '{key.Text}' in {Owner}{hint}"
                : $"unknown field '{key.Text}' in {Owner}; the fields are: {string.Join(", ", fields)}");
        }
    }
}
