namespace Ivr.Flows.Expressions;

internal sealed class LiteralExpression(Value value) : Expression
{
    public override Value Evaluate(IVariableScope scope) => value;

    public override IEnumerable<string> Variables => [];
}
