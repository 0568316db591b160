namespace Ivr.Flows.Expressions;

/// <summary>An expression an editor wrote that does not parse; <see cref="Column"/> is 1-based within the expression.</summary>
public sealed class ExpressionSyntaxException(string message, int column) : Exception(message)
{
    public int Column { get; } = column;
}
