using Ivr.Media.Rtp;

namespace Ivr.Telephony.Tests.TestSupport;

/// <summary>One RTP packet as the test caller received it.</summary>
public sealed record ReceivedRtp(TimeSpan Arrival, RtpHeader Header, byte[] Payload);
