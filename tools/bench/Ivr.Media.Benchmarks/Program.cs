using BenchmarkDotNet.Running;
using Ivr.Media.Benchmarks;

// `--agreement`: where NAudio's G.711 differs from ours. `--cpu-time`: the benchmarks timed by CPU time, for a
// loaded machine. `--pacing-metrics`: the pacing lateness metric's cost per sample (CPU time, bytes allocated).
// `--rtp-receive`: ns per received packet with the latching check. `--rtp-receive-load`: CPU per packet of 500
// endpoints at 50 packets/s each, a receive loop per endpoint against the shared receive threads. `--recording-writes`: file writes per second of a
// recorded message. Anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
switch (args)
{
    case ["--agreement"]:
        G711Agreement.Print(Console.Out);
        return;
    case ["--pacing-metrics"]:
        PacingMetricsBenchmarks.Print(Console.Out);
        return;
    case ["--cpu-time"]:
        CpuTimeComparison.Print(Console.Out);
        return;
    case ["--rtp-receive"]:
        RtpReceiveCost.Print(Console.Out);
        return;
    case ["--rtp-receive-load"]:
        RtpReceiveLoad.Print(Console.Out);
        return;
    case ["--recording-writes"]:
        RecordingWrites.Print(Console.Out);
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(G711FrameBenchmarks).Assembly).Run(args);
