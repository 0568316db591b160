using Ivr.Fuzz.Targets;

namespace Ivr.Fuzz;

/// <summary>Every harness by name.</summary>
public static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = ["sip", "sdp", "rtp", "flow", "expression"];

    /// <summary>A new harness, or null for an unknown name (the flow harness makes a folder of its own).</summary>
    public static IFuzzTarget? Create(string name) => name switch
    {
        "sip" => new SipMessageTarget(),
        "sdp" => new SdpTarget(),
        "rtp" => new RtpTarget(),
        "flow" => new FlowTarget(),
        "expression" => new ExpressionTarget(),
        _ => null,
    };
}
