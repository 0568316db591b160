namespace Ivr.Media.Playout;

/// <summary>Takes one finished RTP packet (e.g. <c>RtpEndpoint.Send</c>); the memory is reused after it returns.</summary>
public delegate void PacketSink(ReadOnlySpan<byte> packet);
