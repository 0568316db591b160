using Ivr.Core.Channel;
using Ivr.Core.Fax;
using Ivr.Media.Dtmf;
using Ivr.Media.Rtp;
using Ivr.Telephony.Tests.TestSupport;

namespace Ivr.Telephony.Tests.Calls;

/// <summary>
/// A key and the prompt that answers it cost the call nothing of its own (issue 13): the RFC 4733 key goes from the RTP
/// receive path to the call's queue as a struct, is reported to the flow by a static lambda, the flow's
/// <see cref="SipCallChannel.Play"/> and <see cref="SipCallChannel.StopPlayback"/> queue structs, and the prompt's end
/// comes back the same way. Before: a closure and its delegate per key in CallParts, another for the flow's report,
/// two per <c>Play</c> and <c>StopPlayback</c> (WhileOpen's and the command's): 547 B per key and prompt in this test on main.
/// The flow here is a stand-in that plays a prebuilt request (the real flow's own <c>PlayRequest</c> and events are its own).
/// </summary>
public sealed class KeyToPromptAllocationTests : IDisposable
{
    private const int Keys = 50;
    private readonly ChannelRig _rig = new(attach: false);
    private readonly AnsweringFlow _flow;
    private readonly byte[][] _packets;
    private int _nextPacket;

    public KeyToPromptAllocationTests()
    {
        var prompt = ChannelRig.TonePrompt(ChannelRig.Frame);
        _flow = new AnsweringFlow(_rig.Channel, Enumerable.Range(1, 5 * Keys).Select(id => new PlayRequest(id, [prompt], false)).ToArray());
        _rig.Channel.Attach(_flow);
        _packets = KeyPackets(5 * Keys);
    }

    [Fact]
    public void KeysAnsweredByPrompts_NoAllocationOfTheCallsOwn()
    {
        long keyPart = 0;
        long Pass()
        {
            var allocated = 0L;
            keyPart = 0;
            for (var i = 0; i < Keys; i++)
            {
                var before = GC.GetAllocatedBytesForCurrentThread();
                ReceiveKey(); // → the flow's Digit → StopPlayback and Play
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                keyPart += GC.GetAllocatedBytesForCurrentThread() - before;
                _rig.Run(1); // the stream joins its pacing phase (the scheduler's own cost, not measured) and plays the frame
                before = GC.GetAllocatedBytesForCurrentThread();
                _rig.Run(1); // the prompt completes: posted to the call, reported to the flow
                allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            }

            return allocated;
        }

        Pass(); // grows the queues and dictionaries, lets the JIT finish
        var least = Math.Min(Pass(), Math.Min(Pass(), Pass()));

        Assert.Equal(4 * Keys, _flow.Digits);
        Assert.Equal(4 * Keys, _flow.Finished);
        Assert.True(least < Keys * 8, $"{least} bytes for {Keys} keys and prompts ({(double)least / Keys:0.0} per key; the key's part of the last pass {(double)keyPart / Keys:0.0})");
    }

    /// <summary>An RFC 4733 §2.5 press per key: three updates and the end packet three times, each key with its own timestamp.</summary>
    private static byte[][] KeyPackets(int keys)
    {
        var packets = new List<byte[]>();
        ushort sequence = 1;
        uint timestamp = 1000;
        var block = new byte[4];
        for (var k = 0; k < keys; k++)
        {
            var code = (byte)DtmfKey.ToEvent("123456789"[k % 9])!.Value;
            for (var i = 0; i < 6; i++)
            {
                new Rfc4733Event(code, i >= 3, 10, (ushort)(Math.Min(i + 1, 4) * 160)).WriteTo(block);
                var packet = new byte[RtpHeader.FixedLength + block.Length];
                new RtpHeader(101, sequence++, timestamp, 0x11223344, i == 0).WriteTo(packet);
                block.CopyTo(packet, RtpHeader.FixedLength);
                packets.Add(packet);
            }

            timestamp += 1600;
        }

        return [.. packets];
    }

    private void ReceiveKey()
    {
        for (var i = 0; i < 6; i++)
        {
            if (RtpPacket.TryParse(_packets[_nextPacket++], out var packet) != RtpPacketError.None) throw new InvalidOperationException("a test packet did not parse");
            _rig.Channel.Inbound.Receive(packet);
        }
    }

    public void Dispose() => _rig.Dispose();

    /// <summary>Answers each key as a menu does: stops what plays and plays the next prebuilt prompt.</summary>
    private sealed class AnsweringFlow(ICallChannel channel, PlayRequest[] requests) : ICallInput
    {
        private int _next;

        public int Digits { get; private set; }

        public int Finished { get; private set; }

        public void Digit(char digit)
        {
            Digits++;
            channel.StopPlayback();
            channel.Play(requests[_next++]);
        }

        public void PlaybackFinished(int playbackId, bool interrupted) => Finished += interrupted ? 0 : 1;

        public void RecordingFinished(RecordingResult result) { }

        public void TransferFinished(TransferResult result) { }

        public void FaxFinished(int requestId, FaxResult result) { }

        public void HungUp(string cause) { }
    }
}
