namespace Ivr.Host.Commands;

/// <summary>Replay scripts named on the command line: files as given, folders searched recursively in name order.</summary>
public static class ScriptFiles
{
    public static IReadOnlyList<string> Find(IEnumerable<string> arguments)
    {
        var files = new List<string>();
        foreach (var argument in arguments)
        {
            if (Directory.Exists(argument))
            {
                files.AddRange(Directory.EnumerateFiles(argument, "*.yaml", SearchOption.AllDirectories)
                    .Where(f => Path.GetFileName(f) != "test-data.yaml")
                    .Order(StringComparer.Ordinal));
            }
            else if (File.Exists(argument))
            {
                files.Add(argument);
            }
            else
            {
                throw new Cli.UsageException($"'{argument}' is neither a script nor a folder");
            }
        }

        return files;
    }
}
