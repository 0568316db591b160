using Ivr.Sip.Message;

namespace Ivr.Fuzz.Targets;

/// <summary>
/// The SIP message parser (RFC 3261 §7), as a datagram and as a framed stream message; on success the
/// typed headers are read and the message is written out and parsed again, which must succeed.
/// </summary>
public sealed class SipMessageTarget : IFuzzTarget
{
    public string Name => "sip";

    public IReadOnlyList<string> Assemblies => ["Ivr.Sip.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        foreach (var options in new[] { SipParseOptions.Datagram, SipParseOptions.Stream })
        {
            var parsed = SipParser.Parse(input, options);
            if (parsed.Message is not { } message) continue;
            _ = (message.CallId, message.CSeq, message.From, message.To, message.TopVia, message.Contacts, message.MaxForwards, message.ContentType);
            var again = SipParser.Parse(SipSerializer.Serialize(message), options);
            if (again.Message is null) throw new InvalidOperationException($"a parsed message does not parse once written out: {again.Error}");
        }
    }
}
