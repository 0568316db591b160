using System.Text.RegularExpressions;
using Ivr.Flows.Loading.Yaml;

namespace Ivr.Flows.Loading.Kinds;

/// <summary>Variable names editors write (<c>id_number</c>): a letter or _, then letters, digits and _.</summary>
internal static partial class VariableName
{
    public static bool IsValid(string name) => Pattern().IsMatch(name);

    /// <summary>Names the runtime sets for every call.</summary>
    public static readonly IReadOnlyList<string> BuiltIns =
        ["call.id", "call.caller", "call.caller_masked", "call.dialled", "call.path", "call.flow_version", "call.return_to", "call.purpose",
         "caller.flagged", "caller.flag_reason"];

    public static string? Read(FieldReader f, string field, bool required = false)
    {
        var text = f.Text(field, required);
        if (text is null) return null;
        return Check(text, f.Value(field)!.Location, $"{f.Owner}: '{field}'", f.Context) ? text : null;
    }

    public static bool Check(string name, SourceLocation at, string what, FlowFileContext context)
    {
        if (IsValid(name)) return true;
        context.Error(at, $"{what}: '{name}' is not a variable name; use letters, digits and _ (e.g. id_number)");
        return false;
    }

    public static bool Check(YamlScalar key, string what, FlowFileContext context) => Check(key.Text ?? "", key.Location, what, context);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Pattern();
}
