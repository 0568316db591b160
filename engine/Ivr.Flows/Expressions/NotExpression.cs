namespace Ivr.Flows.Expressions;

internal sealed class NotExpression(Expression operand) : Expression
{
    public override Value Evaluate(IVariableScope scope) => Value.Of(!operand.Evaluate(scope).IsTrue);

    public override IEnumerable<string> Variables => operand.Variables;
}
