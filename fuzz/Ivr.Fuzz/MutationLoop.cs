using System.Diagnostics;
using System.Security.Cryptography;
using Ivr.Fuzz.Targets;

namespace Ivr.Fuzz;

/// <summary>
/// The fallback without afl++ or instrumentation: picks corpus entries, mutates them (bit flips, interesting
/// bytes, deletions, duplications, splices of two entries) and runs them in process; an input that throws or
/// is slow is saved to the findings folder. Blind compared with afl++, but it needs nothing installed.
/// </summary>
public static class MutationLoop
{
    public sealed record Options(string Corpus, int Seconds, string? Findings, int Seed)
    {
        public static Options Parse(string[] args)
        {
            string? Value(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            return new Options(Value("--corpus") ?? throw new ArgumentException("--corpus DIR is required"),
                int.Parse(Value("--seconds") ?? "10"), Value("--findings"), int.Parse(Value("--seed") ?? Environment.TickCount.ToString()));
        }
    }

    private static readonly byte[] Interesting = [0, 1, 0x7F, 0x80, 0xFF, (byte)'\r', (byte)'\n', (byte)' ', (byte)':', (byte)';', (byte)'"', (byte)'%', (byte)'<', (byte)'>', (byte)'-', (byte)'9'];

    public static int Run(IFuzzTarget target, Options options)
    {
        var corpus = Directory.EnumerateFiles(options.Corpus, "*", SearchOption.AllDirectories).Select(File.ReadAllBytes).ToList();
        if (corpus.Count == 0) corpus.Add([]);
        var random = new Random(options.Seed);
        var clock = Stopwatch.StartNew();
        long executions = 0, findings = 0;
        while (clock.Elapsed.TotalSeconds < options.Seconds)
        {
            var input = Mutate(corpus[random.Next(corpus.Count)], corpus[random.Next(corpus.Count)], random);
            executions++;
            if (Replay.Check(target, input) is not { } problem) continue;
            findings++;
            Console.WriteLine($"finding: {problem.Split('\n')[0]}");
            if (options.Findings is { } folder)
            {
                Directory.CreateDirectory(folder);
                File.WriteAllBytes(Path.Combine(folder, Convert.ToHexString(SHA256.HashData(input))[..16].ToLowerInvariant()), input);
            }
        }

        Console.WriteLine($"{target.Name}: {executions} executions in {clock.Elapsed.TotalSeconds:0} s ({executions / Math.Max(1, clock.Elapsed.TotalSeconds):0}/s), corpus {corpus.Count}, {findings} findings (seed {options.Seed})");
        return findings == 0 ? 0 : 1;
    }

    private static byte[] Mutate(byte[] first, byte[] second, Random random)
    {
        var data = new List<byte>(first);
        var rounds = 1 + random.Next(8);
        for (var i = 0; i < rounds; i++)
        {
            var at = data.Count == 0 ? 0 : random.Next(data.Count);
            switch (random.Next(6))
            {
                case 0 when data.Count > 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                case 1 when data.Count > 0: data[at] = Interesting[random.Next(Interesting.Length)]; break;
                case 2 when data.Count > 0: data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(16))); break;
                case 3 when data.Count > 0: data.InsertRange(at, data.GetRange(at, Math.Min(data.Count - at, 1 + random.Next(32)))); break;
                case 4 when second.Length > 0:
                    var from = random.Next(second.Length);
                    data.InsertRange(at, second.AsSpan(from, Math.Min(second.Length - from, 1 + random.Next(64))).ToArray());
                    break;
                default: data.Insert(at, (byte)random.Next(256)); break;
            }
        }

        return [.. data];
    }
}
