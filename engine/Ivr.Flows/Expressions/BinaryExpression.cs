namespace Ivr.Flows.Expressions;

internal sealed class BinaryExpression(string op, Expression left, Expression right) : Expression
{
    public override IEnumerable<string> Variables => left.Variables.Concat(right.Variables);

    public override Value Evaluate(IVariableScope scope)
    {
        switch (op)
        {
            case "and": return Value.Of(left.Evaluate(scope).IsTrue && right.Evaluate(scope).IsTrue);
            case "or": return Value.Of(left.Evaluate(scope).IsTrue || right.Evaluate(scope).IsTrue);
        }

        var a = left.Evaluate(scope);
        var b = right.Evaluate(scope);
        var numeric = a.TryGetNumber(out var x) & b.TryGetNumber(out var y);
        return op switch
        {
            "+" when numeric => Value.Of(x + y),
            "+" => Value.Of(a.AsText() + b.AsText()),
            "-" => numeric ? Value.Of(x - y) : Value.Null,
            "==" => Value.Of(numeric ? x == y : a.AsText() == b.AsText()),
            "!=" => Value.Of(numeric ? x != y : a.AsText() != b.AsText()),
            _ => Value.Of(numeric && Compare(op, x, y)),
        };
    }

    private static bool Compare(string op, decimal x, decimal y) => op switch
    {
        "<" => x < y,
        "<=" => x <= y,
        ">" => x > y,
        ">=" => x >= y,
        _ => throw new InvalidOperationException($"unknown operator {op}"),
    };
}
