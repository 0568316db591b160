namespace Ivr.Sip.Message;

/// <summary>CSeq (RFC 3261 §20.16, §8.1.1.5): a sequence number below 2^31 and the request method.</summary>
public readonly record struct CSeqHeader(uint Number, string Method)
{
    public const uint MaxNumber = (1u << 31) - 1;

    public static ParseResult<CSeqHeader> Parse(string text)
    {
        var parts = text.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return ParseResult<CSeqHeader>.Fail($"CSeq must be '<number> <method>': '{text}'");
        }

        if (parts[0].Length > 10 || !SipGrammar.AllDigits(parts[0]) || !uint.TryParse(parts[0], out var number) || number > MaxNumber)
        {
            return ParseResult<CSeqHeader>.Fail($"CSeq number out of range (must be < 2^31): '{parts[0]}'");
        }

        return SipGrammar.IsToken(parts[1])
            ? ParseResult<CSeqHeader>.Ok(new CSeqHeader(number, parts[1]))
            : ParseResult<CSeqHeader>.Fail($"invalid CSeq method '{parts[1]}'");
    }

    public override string ToString() => $"{Number} {Method}";
}
