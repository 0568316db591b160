namespace Ivr.Telephony.Outbound;

/// <summary>A provisional response: 180 Ringing, 183 Session Progress…; <see cref="EarlyMedia"/> when it carried an SDP
/// answer we accept, so the callee's RTP (ring-back, an announcement) is now received.</summary>
public sealed record OutboundProgress(int StatusCode, string ReasonPhrase, bool EarlyMedia);
