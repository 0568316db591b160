namespace Ivr.Host.Cli;

/// <summary>Where the editors' files and the data live; defaults relative to the working directory (the repository root).</summary>
public sealed record IvrPaths(string Flows, string Prompts, string Data)
{
    public static readonly string[] Options = ["flows", "prompts", "data"];

    public static IvrPaths From(CommandLine line) => new(
        line.Get("flows", Environment.GetEnvironmentVariable("IVR_FLOWS") ?? "flows"),
        line.Get("prompts", Environment.GetEnvironmentVariable("IVR_PROMPTS") ?? Path.Combine("prompts", "zh-CN")),
        line.Get("data", Environment.GetEnvironmentVariable("IVR_DATA") ?? "data"));

    public string Database => Path.Combine(Data, "ivr.db");

    public const string Help = """
          --flows DIR      flow files (default: flows, or $IVR_FLOWS)
          --prompts DIR    prompt catalog and audio (default: prompts/zh-CN, or $IVR_PROMPTS)
          --data DIR       database and recordings (default: data, or $IVR_DATA)
        """;
}
