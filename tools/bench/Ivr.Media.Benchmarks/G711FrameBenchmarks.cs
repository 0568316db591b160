using BenchmarkDotNet.Attributes;
using Ivr.Media.Codecs;
using NAudio.Codecs;

namespace Ivr.Media.Benchmarks;

/// <summary>
/// One 20 ms RTP frame (160 samples) through G.711, as the pacing thread encodes and the receive loop
/// decodes it: our table codec (<see cref="MuLaw"/>, <see cref="ALaw"/>, span in, span out) against
/// NAudio's per-sample <see cref="MuLawEncoder"/>, <see cref="MuLawDecoder"/>, <see cref="ALawEncoder"/>,
/// <see cref="ALawDecoder"/> in the same loop shape. On a shared, loaded machine read Min (the least
/// disturbed iteration) and Median rather than Mean.
/// </summary>
[MemoryDiagnoser, MinColumn, MedianColumn]
public class G711FrameBenchmarks
{
    private readonly short[] _samples = new short[G711.SamplesPer20Ms];
    private readonly byte[] _codes = new byte[G711.SamplesPer20Ms];
    private readonly short[] _decoded = new short[G711.SamplesPer20Ms];

    [GlobalSetup]
    public void Setup()
    {
        // Speech-like: a 440 Hz tone with noise, at −10 dBm0, so every segment of the law is used.
        var random = new Random(12333);
        for (var i = 0; i < _samples.Length; i++)
            _samples[i] = (short)(Dbm0.SineAmplitude(-10) * Math.Sin(2 * Math.PI * 440 * i / G711.SampleRate) + random.Next(-2000, 2000));
        MuLaw.Encode(_samples, _codes);
    }

    [Benchmark(Baseline = true), BenchmarkCategory("encode")]
    public int MuLawEncode_Ivr()
    {
        MuLaw.Encode(_samples, _codes);
        return _codes[^1];
    }

    [Benchmark, BenchmarkCategory("encode")]
    public int MuLawEncode_NAudio()
    {
        var samples = _samples;
        var codes = _codes;
        for (var i = 0; i < samples.Length; i++) codes[i] = MuLawEncoder.LinearToMuLawSample(samples[i]);
        return codes[^1];
    }

    [Benchmark, BenchmarkCategory("encode")]
    public int ALawEncode_Ivr()
    {
        ALaw.Encode(_samples, _codes);
        return _codes[^1];
    }

    [Benchmark, BenchmarkCategory("encode")]
    public int ALawEncode_NAudio()
    {
        var samples = _samples;
        var codes = _codes;
        for (var i = 0; i < samples.Length; i++) codes[i] = ALawEncoder.LinearToALawSample(samples[i]);
        return codes[^1];
    }

    [Benchmark, BenchmarkCategory("decode")]
    public int MuLawDecode_Ivr()
    {
        MuLaw.Decode(_codes, _decoded);
        return _decoded[^1];
    }

    [Benchmark, BenchmarkCategory("decode")]
    public int MuLawDecode_NAudio()
    {
        var codes = _codes;
        var decoded = _decoded;
        for (var i = 0; i < codes.Length; i++) decoded[i] = MuLawDecoder.MuLawToLinearSample(codes[i]);
        return decoded[^1];
    }

    [Benchmark, BenchmarkCategory("decode")]
    public int ALawDecode_Ivr()
    {
        ALaw.Decode(_codes, _decoded);
        return _decoded[^1];
    }

    [Benchmark, BenchmarkCategory("decode")]
    public int ALawDecode_NAudio()
    {
        var codes = _codes;
        var decoded = _decoded;
        for (var i = 0; i < codes.Length; i++) decoded[i] = ALawDecoder.ALawToLinearSample(codes[i]);
        return decoded[^1];
    }
}
