using Ivr.Flows.Expressions;

namespace Ivr.Runtime.Tests.Support;

/// <summary>A plain dictionary of variables for evaluating expressions.</summary>
internal sealed class VariableBag(params (string Name, string Value)[] values) : IVariableScope
{
    private readonly Dictionary<string, string> _values = values.ToDictionary(v => v.Name, v => v.Value);

    public string? Get(string name) => _values.GetValueOrDefault(name);
}
