using System.Globalization;

namespace Ivr.Flows.Expressions;

/// <summary>
/// What an expression evaluates to: nothing, a truth value, a number or text. Variables hold text;
/// text that reads as a number compares as a number with a number.
/// </summary>
public readonly record struct Value
{
    private Value(ValueKind kind, bool flag, decimal number, string? text)
    {
        Kind = kind;
        Flag = flag;
        Number = number;
        Text = text;
    }

    public ValueKind Kind { get; }

    private bool Flag { get; }

    private decimal Number { get; }

    private string? Text { get; }

    public static Value Null => default;

    public static Value Of(bool flag) => new(ValueKind.Bool, flag, 0, null);

    public static Value Of(decimal number) => new(ValueKind.Number, false, number, null);

    public static Value Of(string? text) => text is null ? Null : new(ValueKind.Text, false, 0, text);

    public bool IsTrue => Kind switch
    {
        ValueKind.Bool => Flag,
        ValueKind.Number => Number != 0,
        ValueKind.Text => Text!.Length > 0 && Text != "false" && Text != "0",
        _ => false,
    };

    public bool TryGetNumber(out decimal number)
    {
        number = Number;
        return Kind == ValueKind.Number
            || (Kind == ValueKind.Text && decimal.TryParse(Text, NumberStyles.Number, CultureInfo.InvariantCulture, out number));
    }

    /// <summary>The value as a variable stores it: <c>true</c>/<c>false</c>, invariant numbers, text; null for nothing.</summary>
    public string? AsText() => Kind switch
    {
        ValueKind.Bool => Flag ? "true" : "false",
        ValueKind.Number => Number.ToString(CultureInfo.InvariantCulture),
        ValueKind.Text => Text,
        _ => null,
    };

    public override string ToString() => AsText() ?? "null";
}
