using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using Ivr.Media.Rtp;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// What one outbound RTP datagram costs the pacing thread (issue 13: one send per packet, ~50,000/s at 1,000 calls),
/// by process CPU time (<see cref="CpuTimeRounds"/>; loopback delivery runs in the sender's context, so it is included; the sink
/// is never read, so every case ends the same way, at the sink's full queue). 100 sockets take turns, as the streams
/// of a pacing step do. Cases: the managed <c>Socket.SendTo(span, flags, SocketAddress)</c> (the send before issue 13);
/// <see cref="RtpEndpoint.Send"/> (libc <c>sendto</c> on Linux, what ships); <c>sendmmsg</c> with one message per
/// socket (what batching can do while each call keeps its own port); and, as the floor batching could reach, one
/// <c>sendmmsg</c> of 100 datagrams on a single socket (not usable for RTP: every stream would share one source port).
/// Best of 7 rounds, ns per datagram.
/// </summary>
internal static unsafe class RtpSendCost
{
    private const int Streams = 100;

    [StructLayout(LayoutKind.Sequential)]
    private struct IoVec
    {
        public void* Base;
        public nuint Length;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct MessageHeader
    {
        public void* Name;
        public uint NameLength;
        public IoVec* Vectors;
        public nuint VectorCount;
        public void* Control;
        public nuint ControlLength;
        public int Flags;
        private int _padding; // msghdr is 56 bytes on 64-bit
        public uint Sent; // mmsghdr.msg_len
    }

    [DllImport("libc", EntryPoint = "sendmmsg", SetLastError = true)]
    private static extern int SendMmsg(int socket, MessageHeader* messages, uint count, int flags);

    public static void Print(TextWriter output, int rounds = 7, int datagrams = 200_000)
    {
        using var sink = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        sink.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var sinkEnd = (IPEndPoint)sink.LocalEndPoint!;
        var target = sinkEnd.Serialize();
        var packet = new byte[RtpHeader.FixedLength + 160];
        new RtpHeader(0, 1, 160, 0x1234).WriteTo(packet);
        var endpoints = Enumerable.Range(0, Streams).Select(_ => new RtpEndpoint(new IPEndPoint(IPAddress.Loopback, 0))).ToArray();
        var sockets = Enumerable.Range(0, Streams).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToArray();
        foreach (var endpoint in endpoints) endpoint.SetRemote(sinkEnd);
        foreach (var socket in sockets) socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var connected = Enumerable.Range(0, Streams).Select(_ => new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)).ToArray();
        foreach (var socket in connected) socket.Connect(sinkEnd);
        var address = GCHandle.Alloc(target.Buffer.ToArray(), GCHandleType.Pinned);
        var payload = GCHandle.Alloc(packet, GCHandleType.Pinned);
        var vector = new IoVec { Base = (void*)payload.AddrOfPinnedObject(), Length = (nuint)packet.Length };
        var messages = new MessageHeader[Streams];
        for (var i = 0; i < Streams; i++)
            messages[i] = new MessageHeader { Name = (void*)address.AddrOfPinnedObject(), NameLength = (uint)target.Size, Vectors = &vector, VectorCount = 1 };
        try
        {
            (string Name, Action<int> Send)[] cases =
            [
                ("managed Socket.SendTo", i => sockets[i % Streams].SendTo(packet, SocketFlags.None, target)),
                ("RtpEndpoint.Send (libc sendto)", i => endpoints[i % Streams].Send(packet)),
                ("sendmmsg, 1 message per socket", i =>
                {
                    fixed (MessageHeader* message = &messages[i % Streams]) SendMmsg((int)sockets[i % Streams].Handle, message, 1, 0x40);
                }),
                ("connected sockets, managed Send", i => connected[i % Streams].Send(packet, SocketFlags.None)),
                ("sendmmsg, 100 on one socket (floor)", i =>
                {
                    if (i % Streams != 0) return;
                    fixed (MessageHeader* all = messages) SendMmsg((int)sockets[0].Handle, all, Streams, 0x40);
                }),
            ];
            fixed (MessageHeader* all = messages)
            {
                var sent = SendMmsg((int)sockets[0].Handle, all, Streams, 0x40);
                output.WriteLine($"check: sendmmsg sent {sent} (errno {Marshal.GetLastPInvokeError()}), first {all[0].Sent} bytes");
            }

            var next = 0;
            var best = CpuTimeRounds.Best([.. cases.Select(c => (c.Name, (Func<int>)(() =>
            {
                c.Send(next);
                return next = (next + 1) % Streams;
            })))], rounds, datagrams);

            output.WriteLine($"CPU time per 172-byte RTP datagram over loopback, {Streams} sockets in turn, best of {rounds} rounds of {datagrams:N0}:");
            foreach (var (name, _) in cases) output.WriteLine($"  {name,-38} {best[name],7:F0} ns");
        }
        finally
        {
            address.Free();
            payload.Free();
            foreach (var endpoint in endpoints) endpoint.Dispose();
            foreach (var socket in sockets.Concat(connected)) socket.Dispose();
        }
    }
}
