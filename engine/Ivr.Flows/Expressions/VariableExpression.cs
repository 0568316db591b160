namespace Ivr.Flows.Expressions;

internal sealed class VariableExpression(string name) : Expression
{
    public string Name { get; } = name;

    public override Value Evaluate(IVariableScope scope) => Value.Of(scope.Get(Name));

    public override IEnumerable<string> Variables => [Name];
}
