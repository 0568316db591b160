namespace Ivr.Sip;

/// <summary>
/// The outcome of parsing untrusted protocol text: a value, or a clear reason why there is none.
/// Parsers in this assembly never throw on bad input; they return a failed result.
/// </summary>
public readonly record struct ParseResult<T>(T? Value, string? Error)
{
    public bool IsSuccess => Error is null;

    public static ParseResult<T> Ok(T value) => new(value, null);

    public static ParseResult<T> Fail(string error) => new(default, error);

    public override string ToString() => IsSuccess ? $"Ok({Value})" : $"Fail({Error})";
}
