using System.Text;
using Ivr.Flows.Expressions;

namespace Ivr.Fuzz.Targets;

/// <summary>
/// The flow language's expression parser: it may refuse the text only with <see cref="ExpressionSyntaxException"/>;
/// what it accepts must list its variables and parse again from its own source.
/// </summary>
public sealed class ExpressionTarget : IFuzzTarget
{
    public string Name => "expression";

    public IReadOnlyList<string> Assemblies => ["Ivr.Flows.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var text = Encoding.UTF8.GetString(input);
        Expression parsed;
        try
        {
            parsed = Expression.Parse(text);
        }
        catch (ExpressionSyntaxException)
        {
            return;
        }

        _ = parsed.Variables.ToList();
        Expression.Parse(parsed.Source);
    }
}
