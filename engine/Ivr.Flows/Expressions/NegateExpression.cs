namespace Ivr.Flows.Expressions;

internal sealed class NegateExpression(Expression operand) : Expression
{
    public override Value Evaluate(IVariableScope scope) =>
        operand.Evaluate(scope).TryGetNumber(out var n) ? Value.Of(-n) : Value.Null;

    public override IEnumerable<string> Variables => operand.Variables;
}
