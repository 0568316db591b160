using BenchmarkDotNet.Attributes;
using Ivr.Media.Playout;
using Prometheus;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// What the pacing lateness metric costs the pacing thread per recorded step: our lock-free
/// <see cref="LatenessHistogram"/> (what ships), beside prometheus-net's own histogram (what it would cost to observe
/// into it directly). Each benchmark records one sample with a lateness that walks across the buckets.
/// </summary>
[MemoryDiagnoser]
public class PacingMetricsBenchmarks
{
    private const long Frequency = 1_000_000_000;

    private readonly LatenessHistogram _histogram = new(Frequency);
    private readonly Histogram _prometheus = Prometheus.Metrics.WithCustomRegistry(Prometheus.Metrics.NewCustomRegistry())
        .CreateHistogram("bench_lateness_seconds", "bench", new HistogramConfiguration { Buckets = [.. LatenessHistogram.UpperBounds] });

    private long _late;

    [Benchmark(Baseline = true)]
    public long LatenessHistogramRecord()
    {
        _late = (_late + 37_117) & 0x3FFFFF; // 0 … 4.2 ms, in ns
        _histogram.Record(_late, 12);
        return _late;
    }

    [Benchmark]
    public long PrometheusNetObserve()
    {
        _late = (_late + 37_117) & 0x3FFFFF;
        _prometheus.Observe(_late / (double)Frequency, 12);
        return _late;
    }

    /// <summary>Without BenchmarkDotNet (a loaded machine): ns per sample by the thread's CPU time, and bytes allocated.</summary>
    public static void Print(TextWriter output, int rounds = 7, int samples = 20_000_000)
    {
        var bench = new PacingMetricsBenchmarks();
        foreach (var (name, run) in new (string, Func<long>)[] { ("LatenessHistogram.Record", bench.LatenessHistogramRecord), ("prometheus-net Observe", bench.PrometheusNetObserve) })
        {
            for (var i = 0; i < 100_000; i++) run(); // warm (tiering)
            var best = double.MaxValue;
            long allocated = 0;
            for (var round = 0; round < rounds; round++)
            {
                var before = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
                var bytes = GC.GetAllocatedBytesForCurrentThread(); // only the loop's allocations: Process itself allocates
                for (var i = 0; i < samples; i++) run();
                allocated = Math.Max(allocated, GC.GetAllocatedBytesForCurrentThread() - bytes);
                var used = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - before;
                best = Math.Min(best, used.TotalNanoseconds / samples);
            }

            output.WriteLine($"  {name,-26} {best,6:F2} ns per sample (CPU time, best of {rounds} × {samples:N0}), {allocated} bytes allocated");
        }
    }
}
