namespace Ivr.Flows.Expressions;

internal sealed class LengthExpression(Expression operand) : Expression
{
    public override Value Evaluate(IVariableScope scope) => Value.Of(operand.Evaluate(scope).AsText()?.Length ?? 0);

    public override IEnumerable<string> Variables => operand.Variables;
}
