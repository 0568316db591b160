namespace Ivr.Sip.Message;

/// <summary>
/// Checks a parsed message against the rules a UAS must enforce before processing it (RFC 3261 §8.1.1,
/// §8.2, §20; RFC 4475 §3.1.2 and §3.3): mandatory and single-valued headers, well-formed addresses,
/// Via, CSeq (number &lt; 2^31, method equal to the request method), Max-Forwards (0–255), Request-URI
/// without headers (§19.1.1), a GMT Date (§20.17), and SIP/2.0 (else 505).
/// </summary>
public static class SipMessageValidator
{
    private static readonly string[] Mandatory =
        [SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CSeq, SipHeaderNames.CallId, SipHeaderNames.Via];

    private static readonly string[] SingleValued =
    [
        SipHeaderNames.To, SipHeaderNames.From, SipHeaderNames.CSeq, SipHeaderNames.CallId,
        SipHeaderNames.MaxForwards, SipHeaderNames.ContentLength, SipHeaderNames.ContentType, SipHeaderNames.Expires,
    ];

    public static SipValidationResult Validate(SipMessage message)
    {
        if (!string.Equals(message.Version, SipMessage.Version20, StringComparison.OrdinalIgnoreCase))
        {
            return new SipValidationResult(505, $"Version Not Supported ({message.Version})");
        }

        var common = ValidateCommon(message);
        if (!common.IsValid || message is not SipRequest request)
        {
            return common;
        }

        if (request.CSeq!.Value.Method != request.Method)
        {
            return SipValidationResult.BadRequest("CSeq method does not match the request method");
        }

        if (request.RequestUri.IsSip && request.RequestUri.Headers.Count > 0)
        {
            return SipValidationResult.BadRequest("Request-URI must not contain headers");
        }

        var maxForwards = request.Headers.Get(SipHeaderNames.MaxForwards)?.Trim();
        if (maxForwards is not null && (maxForwards.Length is 0 or > 9 || !maxForwards.All(char.IsAsciiDigit) || int.Parse(maxForwards) > 255))
        {
            return SipValidationResult.BadRequest("Max-Forwards must be 0-255");
        }

        foreach (var name in new[] { SipHeaderNames.Contact, SipHeaderNames.Route, SipHeaderNames.RecordRoute })
        {
            foreach (var value in request.Headers.GetValues(name))
            {
                if (!(name == SipHeaderNames.Contact && value == "*") && !NameAddress.Parse(value).IsSuccess)
                {
                    return SipValidationResult.BadRequest($"Malformed {name}");
                }
            }
        }

        var expires = request.Headers.Get(SipHeaderNames.Expires)?.Trim();
        if (expires is not null && (expires.Length == 0 || !expires.All(char.IsAsciiDigit)))
        {
            return SipValidationResult.BadRequest("Malformed Expires");
        }

        var date = request.Headers.Get(SipHeaderNames.Date)?.Trim();
        if (date is not null && !date.EndsWith(" GMT", StringComparison.Ordinal))
        {
            return SipValidationResult.BadRequest("Date must be in GMT");
        }

        return SipValidationResult.Valid;
    }

    private static SipValidationResult ValidateCommon(SipMessage message)
    {
        foreach (var name in Mandatory)
        {
            if (!message.Headers.Contains(name))
            {
                return SipValidationResult.BadRequest($"Missing {name}");
            }
        }

        foreach (var name in SingleValued)
        {
            if (message.Headers.CountOf(name) > 1)
            {
                return SipValidationResult.BadRequest($"Multiple {name} headers");
            }
        }

        foreach (var name in new[] { SipHeaderNames.From, SipHeaderNames.To })
        {
            var parsed = NameAddress.Parse(message.Headers.Get(name)!);
            if (!parsed.IsSuccess)
            {
                return SipValidationResult.BadRequest($"Malformed {name}");
            }
        }

        if (message.Headers.GetValues(SipHeaderNames.Via).Any(v => !ViaHeader.Parse(v).IsSuccess))
        {
            return SipValidationResult.BadRequest("Malformed Via");
        }

        if (!CSeqHeader.Parse(message.Headers.Get(SipHeaderNames.CSeq)!).IsSuccess)
        {
            return SipValidationResult.BadRequest("Malformed CSeq");
        }

        var callId = message.CallId!;
        return callId.Length == 0 || callId.Any(c => c <= ' ')
            ? SipValidationResult.BadRequest("Malformed Call-ID")
            : SipValidationResult.Valid;
    }
}
