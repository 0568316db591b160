using Ivr.Fuzz;

namespace Ivr.Fuzz.Tests;

/// <summary>
/// Every seed (fuzz/corpus/TARGET) and every case afl++ found (fuzz/found/TARGET: the new-coverage inputs of
/// earlier runs, and any crash or hang once fixed) goes through its harness again: no exception, none slow.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "corpus", "found" })
        {
            foreach (var target in FuzzTargets.Names)
            {
                var directory = Path.Combine(Repository.Root, "fuzz", folder, target);
                if (!Directory.Exists(directory)) continue;
                foreach (var file in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
                    data.Add(target, Path.GetRelativePath(Repository.Root, file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Input_GoesThroughItsHarness_WithoutExceptionOrHang(string target, string file)
    {
        var harness = FuzzTargets.Create(target)!;

        var problem = Replay.Check(harness, File.ReadAllBytes(Path.Combine(Repository.Root, file)));

        Assert.Null(problem);
    }

    [Fact]
    public void EveryTarget_HasSeeds()
    {
        foreach (var target in FuzzTargets.Names)
            Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(Repository.Root, "fuzz", "corpus", target)));
    }

    [Fact]
    public void AHarness_ReportsAnExceptionAsAFinding()
    {
        var problem = Replay.Check(new Throwing(), [1, 2, 3]);

        Assert.NotNull(problem);
        Assert.StartsWith("FormatException: 3 bytes", problem);
    }

    private sealed class Throwing : Targets.IFuzzTarget
    {
        public string Name => "throwing";

        public IReadOnlyList<string> Assemblies => [];

        public void Run(ReadOnlySpan<byte> input) => throw new FormatException($"{input.Length} bytes");
    }
}
