using Ivr.Flows.Loading;

namespace Ivr.Fuzz.Targets;

/// <summary>
/// The YAML flow loader end to end (YAML, reader, linker, validator): the input is saved as a flow file in a
/// folder of its own, beside a copy of the prompt catalog (no audio), and the folder is loaded as the server
/// loads <c>flows/</c>. Every problem must come back as a diagnostic, never as an exception.
/// </summary>
public sealed class FlowTarget : IFuzzTarget
{
    private readonly string _flows;
    private readonly string _prompts;

    public FlowTarget()
    {
        var root = Path.Combine(Path.GetTempPath(), $"ivr-fuzz-flow-{Environment.ProcessId}");
        _flows = Path.Combine(root, "flows");
        _prompts = Path.Combine(root, "prompts");
        Directory.CreateDirectory(_flows);
        Directory.CreateDirectory(_prompts);
        var catalog = Path.Combine(AppContext.BaseDirectory, "catalog.yaml");
        if (File.Exists(catalog)) File.Copy(catalog, Path.Combine(_prompts, FlowSetLoader.CatalogFileName), overwrite: true);
    }

    public string Name => "flow";

    public IReadOnlyList<string> Assemblies => ["Ivr.Flows.dll", "YamlDotNet.dll"];

    public void Run(ReadOnlySpan<byte> input)
    {
        File.WriteAllBytes(Path.Combine(_flows, "main.yaml"), input.ToArray());
        _ = FlowSetLoader.Load(_flows, _prompts, ["pension.summary"]);
    }
}
