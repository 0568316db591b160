using Ivr.Flows.Loading.Kinds;

namespace Ivr.Flows.Loading;

/// <summary>
/// The vocabulary of the flow language as the loader accepts it: kinds, fields per kind, and the
/// named choices. Documentation, the JSON Schema (flows/flow.schema.json) and its test are checked
/// against these tables.
/// </summary>
public static class FlowLanguage
{
    /// <summary>Node kinds as written after <c>kind:</c>.</summary>
    public static IReadOnlyList<string> Kinds { get; } = NodeKindReaders.All.Select(r => r.Name).ToArray();

    /// <summary>Fields of a flow file's top level.</summary>
    public static IReadOnlyList<string> FlowFields => FlowFileReader.Fields;

    /// <summary>Fields of <c>defaults:</c>.</summary>
    public static IReadOnlyList<string> DefaultsFields => FlowDefaults.Fields;

    /// <summary>Fields of each entry of a branch's <c>cases:</c>.</summary>
    public static IReadOnlyList<string> BranchCaseFields => BranchReader.CaseFields;

    /// <summary>Fields of routes.yaml's top level.</summary>
    public static IReadOnlyList<string> RoutesFields { get; } = ["routes"];

    public static IReadOnlyCollection<string> MaskNames => Ivr.Flows.Loading.Kinds.MaskNames.All;

    public static IReadOnlyList<string> SayAsNames => SayReader.SayAsNames;

    public static IReadOnlyList<string> ValidatorNames => DigitValidatorReader.Names;

    /// <summary>Variables the runtime sets for every call.</summary>
    public static IReadOnlyList<string> BuiltInVariables => VariableName.BuiltIns;

    /// <summary>Every field a node of <paramref name="kind"/> accepts, <c>kind</c> first.</summary>
    public static IReadOnlyList<string> FieldsOf(string kind) =>
        NodeKindReaders.ByName.TryGetValue(kind, out var reader)
            ? ["kind", .. reader.Fields]
            : throw new ArgumentException($"unknown node kind '{kind}'", nameof(kind));
}
