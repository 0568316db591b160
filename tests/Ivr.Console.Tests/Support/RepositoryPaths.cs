namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>Folders of the repository the tests run in (found by walking up to Ivr.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Flows => Path.Combine(Root, "flows");

    public static string Prompts => Path.Combine(Root, "prompts", "zh-CN");

    /// <summary>Copies the flows folder and its neighbours that flow files name by relative path (fax document sources) under <paramref name="root"/>.</summary>
    public static void CopyFlowSet(string root)
    {
        foreach (var folder in new[] { "flows", "fax" })
        {
            var source = Path.Combine(Root, folder);
            if (!Directory.Exists(source)) continue;
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(root, folder, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ivr.sln not found above the test's folder.");
    }
}
