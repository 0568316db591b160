using Ivr.Fuzz;

namespace Ivr.Fuzz.Tests;

/// <summary>
/// Every seed (fuzz/corpus/TARGET) and every case afl++ found (fuzz/found/TARGET: the new-coverage inputs of
/// earlier runs, and any crash or hang once fixed) goes through its harness again: no exception, none slow.
/// </summary>
public sealed class FuzzCorpusTests
{
    public static TheoryData<string, string> Folders()
    {
        var data = new TheoryData<string, string>();
        foreach (var folder in new[] { "corpus", "found" })
        {
            foreach (var target in FuzzTargets.Names) data.Add(target, folder);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Folders))]
    public void EveryInput_GoesThroughItsHarness_WithoutExceptionOrHang(string target, string folder)
    {
        var harness = FuzzTargets.Create(target)!;
        var directory = Path.Combine(Repository.Root, "fuzz", folder, target);
        var files = Directory.Exists(directory) ? Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).ToList() : [];

        var problems = files
            .Select(file => (file, problem: Replay.Check(harness, File.ReadAllBytes(file))))
            .Where(r => r.problem is not null)
            .Select(r => $"{Path.GetRelativePath(Repository.Root, r.file)}: {r.problem}")
            .ToList();

        Assert.True(problems.Count == 0, $"{problems.Count} of {files.Count} inputs:\n{string.Join('\n', problems)}");
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
