using Ivr.Flows.Expressions;

namespace Ivr.Flows.Loading.Kinds;

/// <summary>Maps under a node: outcome → target (<c>on:</c>), name → expression, field → variable.</summary>
internal static class OutcomeMapReader
{
    public static List<KeyValuePair<string, Target>> Targets(FieldReader f, string field, string node, bool required = false)
    {
        var result = new List<KeyValuePair<string, Target>>();
        var map = f.SubMap(field, required);
        if (map is null) return result;
        foreach (var (key, value) in map.Entries)
        {
            if (!VariableName.Check(key, $"{f.Owner}: '{field}' outcome", f.Context)) continue;
            f.Context.Sources.Add(node, $"{field}/{key.Text}", key.Location);
            result.Add(new(key.Text!, f.Context.ToTarget(value, $"{f.Owner}: '{field}.{key.Text}'")));
        }

        return result;
    }

    public static List<KeyValuePair<string, Expression>> Expressions(FieldReader f, string field, string node, bool required = false)
    {
        var result = new List<KeyValuePair<string, Expression>>();
        var map = f.SubMap(field, required);
        if (map is null) return result;
        foreach (var (key, value) in map.Entries)
        {
            if (!VariableName.Check(key, $"{f.Owner}: '{field}' name", f.Context)) continue;
            f.Context.Sources.Add(node, $"{field}/{key.Text}", key.Location);
            if (f.Context.ToExpression(value, $"{f.Owner}: '{field}.{key.Text}'") is { } expression) result.Add(new(key.Text!, expression));
        }

        return result;
    }

    public static List<KeyValuePair<string, string>> Variables(FieldReader f, string field, string node)
    {
        var result = new List<KeyValuePair<string, string>>();
        var map = f.SubMap(field);
        if (map is null) return result;
        foreach (var (key, value) in map.Entries)
        {
            if (!VariableName.Check(key, $"{f.Owner}: '{field}' result field", f.Context)) continue;
            if (value is not Yaml.YamlScalar { Text: { } variable } scalar)
            {
                f.Context.Error(value.Location, $"{f.Owner}: '{field}.{key.Text}' must name the variable that receives it, not {value.Describe()}");
                continue;
            }

            if (!VariableName.Check(variable, scalar.Location, $"{f.Owner}: '{field}.{key.Text}'", f.Context)) continue;
            f.Context.Sources.Add(node, $"{field}/{key.Text}", scalar.Location);
            result.Add(new(key.Text!, variable));
        }

        return result;
    }
}
