using Ivr.Sip.Sdp;

namespace Ivr.Fuzz.Targets;

/// <summary>The SDP parser (RFC 8866); a description that parses must parse again once written out.</summary>
public sealed class SdpTarget : IFuzzTarget
{
    public string Name => "sdp";

    public IReadOnlyList<string> Assemblies => ["Ivr.Sip.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        var parsed = SessionDescription.Parse(input);
        if (!parsed.IsSuccess) return;
        var again = SessionDescription.Parse(parsed.Value!.ToBytes());
        if (!again.IsSuccess) throw new InvalidOperationException($"a parsed description does not parse once written out: {again.Error}");
    }
}
