namespace Ivr.Core.Speech;

/// <summary>How a value is read aloud by <see cref="MandarinSayAs"/>.</summary>
public enum SayAsKind
{
    /// <summary>A cardinal number: <c>20000</c> → 两万, <c>-3.5</c> → 负三点五.</summary>
    Number,

    /// <summary>A money amount in yuan: <c>3256.50</c> → 三千二百五十六元五角.</summary>
    Amount,

    /// <summary>Digit by digit (IDs, reference and phone numbers): <c>110X</c> → 幺幺零X.</summary>
    Digits,

    /// <summary>A calendar date <c>yyyy-MM-dd</c>: 二零二六年十一月二十二日.</summary>
    Date,

    /// <summary>A month <c>yyyy-MM</c>: 二零二六年十一月.</summary>
    Month,

    /// <summary>A 24-hour clock time <c>HH:mm</c>: 十四点零五分.</summary>
    Time,
}
