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

    private static readonly string[] AddressLists = [SipHeaderNames.Contact, SipHeaderNames.Route, SipHeaderNames.RecordRoute];

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
        if (maxForwards is not null && (maxForwards.Length is 0 or > 9 || !SipGrammar.AllDigits(maxForwards) || int.Parse(maxForwards) > 255))
        {
            return SipValidationResult.BadRequest("Max-Forwards must be 0-255");
        }

        foreach (var name in AddressLists)
        {
            var values = request.Headers.GetValues(name);
            for (var i = 0; i < values.Count; i++) // by index: foreach over the interface boxes an enumerator
            {
                var value = values[i];
                if (!(name == SipHeaderNames.Contact && value == "*") && !NameAddress.Parse(value).IsSuccess)
                {
                    return SipValidationResult.BadRequest($"Malformed {name}");
                }
            }
        }

        var expires = request.Headers.Get(SipHeaderNames.Expires)?.Trim();
        if (expires is not null && (expires.Length == 0 || !SipGrammar.AllDigits(expires)))
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

        // Through the message's memo: the stack reads From, To, CSeq and the top Via again after this, unparsed.
        if (message.From is null)
        {
            return SipValidationResult.BadRequest($"Malformed {SipHeaderNames.From}");
        }

        if (message.To is null)
        {
            return SipValidationResult.BadRequest($"Malformed {SipHeaderNames.To}");
        }

        if (!EveryViaParses(message))
        {
            return SipValidationResult.BadRequest("Malformed Via");
        }

        if (message.CSeq is not { Method: not null })
        {
            return SipValidationResult.BadRequest("Malformed CSeq");
        }

        var callId = message.CallId!;
        return callId.Length == 0 || callId.AsSpan().IndexOfAnyInRange('\0', ' ') >= 0
            ? SipValidationResult.BadRequest("Malformed Call-ID")
            : SipValidationResult.Valid;
    }

    /// <summary>The top Via (memo) and every other Via value parse; a line holding one value builds no list.</summary>
    private static bool EveryViaParses(SipMessage message)
    {
        if (message.TopVia is null)
        {
            return false;
        }

        var top = true;
        foreach (var header in message.Headers)
        {
            if (!string.Equals(header.Name, SipHeaderNames.Via, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (top && !header.Value.Contains(','))
            {
                top = false; // the top value, parsed above
                continue;
            }

            var values = HeaderValueSplitter.Split(header.Value);
            for (var i = top ? 1 : 0; i < values.Count; i++)
            {
                if (!ViaHeader.Parse(values[i]).IsSuccess)
                {
                    return false;
                }
            }

            top = false;
        }

        return true;
    }
}
