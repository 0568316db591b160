using BenchmarkDotNet.Running;
using Ivr.Media.Benchmarks;

// `--agreement`: where NAudio's G.711 differs from ours. `--cpu-time`: the benchmarks timed by CPU time, for a
// loaded machine. `--pacing-metrics`: the pacing lateness metric's cost per sample (CPU time, bytes allocated).
// `--rtp-receive`: ns per received packet with the latching check. `--rtp-receive-load`: CPU per packet of 500
// endpoints at 50 packets/s each, a receive loop per endpoint against the shared receive threads. `--rtp-send`: CPU ns per sent datagram,
// managed vs libc. `--recording-writes`: file writes per second of a
// recorded message. `--playout-frames [prompts folder]`: CPU ns per frame filled for 1,000 streams, encoded per frame
// against encoded once (SharedAudio). `--dtmf-detector [prompts folder]`: CPU µs per 20 ms packet of callers' speech
// in the in-band DTMF detector. Anything else goes to BenchmarkDotNet (e.g. --filter '*' --job short).
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
    case ["--rtp-send"]:
        RtpSendCost.Print(Console.Out);
        return;
    case ["--rtp-receive"]:
        RtpReceiveCost.Print(Console.Out);
        return;
    case ["--rtp-receive-load"]:
        RtpReceiveLoad.Print(Console.Out);
        return;
    case ["--playout-frames", .. var folder]:
        PlayoutFrameCost.Print(Console.Out, folder is [var given] ? given : CatalogPrompts.DefaultFolder);
        return;
    case ["--dtmf-detector", .. var speech]:
        InBandDetectorCost.Print(Console.Out, speech is [var speechFolder] ? speechFolder : CatalogPrompts.DefaultFolder);
        return;
    case ["--recording-writes"]:
        RecordingWrites.Print(Console.Out);
        return;
}

BenchmarkSwitcher.FromAssembly(typeof(G711FrameBenchmarks).Assembly).Run(args);
