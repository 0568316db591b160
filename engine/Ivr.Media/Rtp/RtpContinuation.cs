namespace Ivr.Media.Rtp;

/// <summary>
/// Where a stream that another source takes over goes on (constant SSRC, as Asterisk's <c>constant_ssrc</c>): the
/// stream's SSRC, the sequence number of its next packet and the timestamp that packet should carry.
/// </summary>
public readonly record struct RtpContinuation(uint Ssrc, ushort NextSequenceNumber, uint NextTimestamp);
