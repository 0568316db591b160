namespace Ivr.Media.Rtp;

/// <summary>Receives a valid packet from the latched remote; the packet's memory is reused after the call returns.</summary>
public delegate void RtpPacketHandler(RtpPacket packet);
