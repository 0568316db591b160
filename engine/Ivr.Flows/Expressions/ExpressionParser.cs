using System.Globalization;

namespace Ivr.Flows.Expressions;

/// <summary>
/// Recursive descent over: <c>or</c> &lt; <c>and</c> &lt; <c>not</c> &lt; comparison &lt; <c>+ -</c> &lt; unary &lt; primary.
/// Primaries: numbers, 'text' or "text", true, false, null, variables (<c>a.b_c</c>), <c>len(x)</c>, parentheses.
/// </summary>
internal sealed class ExpressionParser(string source)
{
    private static readonly string[] Comparisons = ["==", "!=", "<=", ">=", "<", ">"];
    private int _at;

    public Expression ParseAll()
    {
        if (string.IsNullOrWhiteSpace(source)) throw new ExpressionSyntaxException("empty expression", 1);
        var expression = ParseOr();
        SkipSpace();
        if (_at < source.Length) throw Error($"unexpected '{source[_at]}'");
        return expression;
    }

    private Expression ParseOr()
    {
        var left = ParseAnd();
        while (TakeWord("or")) left = new BinaryExpression("or", left, ParseAnd());
        return left;
    }

    private Expression ParseAnd()
    {
        var left = ParseNot();
        while (TakeWord("and")) left = new BinaryExpression("and", left, ParseNot());
        return left;
    }

    private Expression ParseNot() => TakeWord("not") ? new NotExpression(ParseNot()) : ParseComparison();

    private Expression ParseComparison()
    {
        var left = ParseSum();
        SkipSpace();
        foreach (var op in Comparisons)
        {
            if (string.CompareOrdinal(source, _at, op, 0, op.Length) != 0) continue;
            _at += op.Length;
            return new BinaryExpression(op, left, ParseSum());
        }

        if (_at < source.Length && source[_at] == '=') throw Error("use '==' to compare");
        return left;
    }

    private Expression ParseSum()
    {
        var left = ParseUnary();
        while (true)
        {
            SkipSpace();
            if (_at >= source.Length || (source[_at] != '+' && source[_at] != '-')) return left;
            var op = source[_at++].ToString();
            left = new BinaryExpression(op, left, ParseUnary());
        }
    }

    private Expression ParseUnary()
    {
        SkipSpace();
        if (_at < source.Length && source[_at] == '-')
        {
            _at++;
            return new NegateExpression(ParseUnary());
        }

        return ParsePrimary();
    }

    private Expression ParsePrimary()
    {
        SkipSpace();
        if (_at >= source.Length) throw Error("expression ends too early");
        var c = source[_at];
        if (c == '(')
        {
            _at++;
            var inner = ParseOr();
            Expect(')');
            return inner;
        }

        if (c is '\'' or '"') return ParseString(c);
        if (char.IsAsciiDigit(c)) return ParseNumber();
        if (char.IsAsciiLetter(c) || c == '_') return ParseName();
        throw Error($"unexpected '{c}'");
    }

    private Expression ParseString(char quote)
    {
        var start = ++_at;
        var end = source.IndexOf(quote, start);
        if (end < 0) throw Error("text is missing its closing quote");
        _at = end + 1;
        return new LiteralExpression(Value.Of(source[start..end]));
    }

    private Expression ParseNumber()
    {
        var start = _at;
        while (_at < source.Length && (char.IsAsciiDigit(source[_at]) || source[_at] == '.')) _at++;
        if (!decimal.TryParse(source.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
            throw Error($"'{source[start.._at]}' is not a number", start);
        return new LiteralExpression(Value.Of(n));
    }

    private Expression ParseName()
    {
        var start = _at;
        while (_at < source.Length && (char.IsAsciiLetterOrDigit(source[_at]) || source[_at] is '_' or '.')) _at++;
        var name = source[start.._at];
        switch (name)
        {
            case "true": return new LiteralExpression(Value.Of(true));
            case "false": return new LiteralExpression(Value.Of(false));
            case "null": return new LiteralExpression(Value.Null);
            case "and" or "or" or "not": throw Error($"'{name}' needs a value before it", start);
        }

        SkipSpace();
        if (_at < source.Length && source[_at] == '(')
        {
            if (name != "len") throw Error($"unknown function '{name}'; the only function is len(x)", start);
            _at++;
            var argument = ParseOr();
            Expect(')');
            return new LengthExpression(argument);
        }

        return new VariableExpression(name);
    }

    private bool TakeWord(string word)
    {
        SkipSpace();
        if (string.CompareOrdinal(source, _at, word, 0, word.Length) != 0) return false;
        var after = _at + word.Length;
        if (after < source.Length && (char.IsAsciiLetterOrDigit(source[after]) || source[after] == '_')) return false;
        _at = after;
        return true;
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (_at >= source.Length || source[_at] != c) throw Error($"missing '{c}'");
        _at++;
    }

    private void SkipSpace()
    {
        while (_at < source.Length && char.IsWhiteSpace(source[_at])) _at++;
    }

    private ExpressionSyntaxException Error(string message, int? at = null) => new(message, (at ?? _at) + 1);
}
