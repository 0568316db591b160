using Ivr.Data.Operations;

namespace Ivr.OperationsConsole.Flows;

/// <summary>The editors' text files of a flows folder (YAML and the schema), by path relative to it, as a version records them.</summary>
public static class FlowFiles
{
    private static readonly string[] TextExtensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<FlowVersionFile> Read(string flowsDirectory)
    {
        if (!Directory.Exists(flowsDirectory)) return [];
        var files = new List<FlowVersionFile>();
        foreach (var file in Directory.EnumerateFiles(flowsDirectory, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.StartsWith('.') || name.EndsWith('~') || !TextExtensions.Contains(Path.GetExtension(name), StringComparer.OrdinalIgnoreCase)) continue;
            try
            {
                files.Add(new FlowVersionFile(Path.GetRelativePath(flowsDirectory, file).Replace('\\', '/'), File.ReadAllText(file)));
            }
            catch (IOException)
            {
                // Being written right now: the next reload records the version that follows.
            }
        }

        return files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList();
    }
}
