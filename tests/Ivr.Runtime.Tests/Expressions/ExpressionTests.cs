using Ivr.Flows.Expressions;
using Ivr.Runtime.Tests.Support;

namespace Ivr.Runtime.Tests.Expressions;

public sealed class ExpressionTests
{
    private static string? Eval(string source, params (string, string)[] variables) =>
        Expression.Parse(source).Evaluate(new VariableBag(variables)).AsText();

    [Theory]
    [InlineData("a or b and c", "true")] // and binds tighter: a or (b and c)
    [InlineData("(a or b) and c", "false")]
    [InlineData("not c and c", "false")] // (not c) and c
    [InlineData("not (c and c)", "true")]
    [InlineData("1 + 2 == 3", "true")] // + binds tighter than ==
    [InlineData("10 - 2 - 3", "5")] // left to right
    [InlineData("-2 + 5", "3")]
    [InlineData("not 1 + 1 == 3", "true")] // not (1 + 1 == 3)
    [InlineData("1 < 2 and 2 < 3 or false", "true")]
    public void Evaluate_Precedence_FollowsTheGrammar(string source, string expected) =>
        Assert.Equal(expected, Eval(source, ("a", "true"), ("b", "false"), ("c", "false")));

    [Theory]
    [InlineData("amount > limit", "true")] // 10 > 9 as numbers (as text "10" < "9")
    [InlineData("amount == '10.00'", "true")]
    [InlineData("code == 10", "true")] // "010" reads as the number 10
    [InlineData("code == '10'", "true")]
    [InlineData("name == 'abc'", "true")]
    [InlineData("name != 'abd'", "true")]
    [InlineData("name < 'abd'", "false")] // order comparisons hold only between numbers
    [InlineData("name > 'abd'", "false")]
    [InlineData("amount + 1", "11")]
    [InlineData("name + 1", "abc1")] // text joins
    [InlineData("missing == null", "true")]
    [InlineData("missing > 0", "false")]
    [InlineData("amount - name", null)]
    public void Evaluate_Comparison_NumbersAsNumbersTextAsText(string source, string? expected) =>
        Assert.Equal(expected, Eval(source, ("amount", "10"), ("limit", "9"), ("code", "010"), ("name", "abc")));

    [Theory]
    [InlineData("len(id)", "18")]
    [InlineData("len(id) == 18", "true")]
    [InlineData("len(missing)", "0")]
    [InlineData("len('')", "0")]
    [InlineData("len(id) + len(pin)", "24")]
    public void Evaluate_Len_CountsCharacters(string source, string expected) =>
        Assert.Equal(expected, Eval(source, ("id", "11010519491231002X"), ("pin", "123456")));

    [Theory]
    [InlineData("flag", true)]
    [InlineData("zero", false)]
    [InlineData("no", false)]
    [InlineData("empty", false)]
    [InlineData("missing", false)]
    [InlineData("'x'", true)]
    [InlineData("0.5", true)]
    public void Evaluate_Truth_OfVariablesAndLiterals(string source, bool expected) =>
        Assert.Equal(expected, Expression.Parse(source).Evaluate(new VariableBag(("flag", "yes"), ("zero", "0"), ("no", "false"), ("empty", ""))).IsTrue);

    [Theory]
    [InlineData("a = 1", 3, "use '=='")]
    [InlineData("len(a", 6, "missing ')'")]
    [InlineData("(a", 3, "missing ')'")]
    [InlineData("foo(1)", 1, "unknown function 'foo'")]
    [InlineData("1 +", 4, "ends too early")]
    [InlineData("a and", 6, "ends too early")]
    [InlineData("a b", 3, "unexpected 'b'")]
    [InlineData("1.2.3", 1, "is not a number")]
    [InlineData("and x", 1, "needs a value before it")]
    [InlineData("  ", 1, "empty expression")]
    [InlineData("a == @", 6, "unexpected '@'")]
    public void Parse_SyntaxError_ReportsTheColumn(string source, int column, string message)
    {
        var error = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse(source));

        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Parse_UnclosedText_SaysTheQuoteIsMissing() =>
        Assert.Contains("closing quote", Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse("name == 'abc")).Message);

    [Fact]
    public void Variables_ListsEveryVariableRead() =>
        Assert.Equal(["a", "b", "call.caller"], Expression.Parse("a + len(b) == call.caller or true").Variables.Order());

    [Fact]
    public void Parse_KeepsTheSource() => Assert.Equal("tries + 1", Expression.Parse("tries + 1").ToString());
}
