using BenchmarkDotNet.Attributes;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// One RTP packet through the receive path of a call (<see cref="RtpReceivePath"/>: loopback send, <c>recvmmsg</c>,
/// SRTP or not, parse, latch, RFC 4733 and in-band DTMF detection, the handler), 16 packets per operation as the
/// receive threads take them. Allocated must read 0 B (issue 13). Linux only. Send and receive are both timed; on
/// a shared machine read Min and Median.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class RtpReceivePathBenchmarks
{
    private const int Burst = 16;
    private RtpReceivePath? _path;

    [Params(false, true)]
    public bool Srtp { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = new RtpReceivePath(Srtp);
        _path.SendAndReceive(1_000);
    }

    [GlobalCleanup]
    public void Cleanup() => _path?.Dispose();

    [Benchmark(OperationsPerInvoke = Burst)]
    public void ReceivePacket() => _path!.SendAndReceive(Burst);
}
