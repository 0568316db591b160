namespace Ivr.Flows.Expressions;

/// <summary>
/// A parsed expression of the flow language: literals, variables, comparisons, <c>and</c>/<c>or</c>/<c>not</c>,
/// <c>+</c>/<c>-</c> and <c>len()</c>. No code runs: it only reads variables.
/// </summary>
public abstract class Expression
{
    public abstract Value Evaluate(IVariableScope scope);

    /// <summary>Every variable the expression reads (for validation: unset or secure variables).</summary>
    public abstract IEnumerable<string> Variables { get; }

    /// <summary>The expression as the editor wrote it.</summary>
    public string Source { get; internal set; } = "";

    public override string ToString() => Source;

    /// <summary>Parses <paramref name="source"/> or throws <see cref="ExpressionSyntaxException"/> with the column.</summary>
    public static Expression Parse(string source)
    {
        var expression = new ExpressionParser(source).ParseAll();
        expression.Source = source;
        return expression;
    }

    /// <summary>An expression that reads one variable.</summary>
    public static Expression Variable(string name) => new VariableExpression(name) { Source = name };

    public static Expression Literal(string text) => new LiteralExpression(Value.Of(text)) { Source = text };
}
