namespace Ivr.Fuzz.Targets;

/// <summary>
/// One harness: feeds arbitrary bytes to one parser. It returns normally for any input the parser
/// answers with a value (an error result included); any exception that escapes is a finding.
/// </summary>
public interface IFuzzTarget
{
    /// <summary>The name on the command line: <c>tools/fuzz NAME</c>.</summary>
    string Name { get; }

    /// <summary>The assemblies whose code afl++ should see (instrumented with SharpFuzz).</summary>
    IReadOnlyList<string> Assemblies { get; }

    void Run(ReadOnlySpan<byte> input);
}
