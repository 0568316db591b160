namespace Ivr.OperationsConsole.Tests.Support;

/// <summary>Folders of the repository the tests run in (found by walking up to Ivr.sln).</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Flows => Path.Combine(Root, "flows");

    public static string Prompts => Path.Combine(Root, "prompts", "zh-CN");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return dir.FullName;
        throw new InvalidOperationException("Ivr.sln not found above the test's folder.");
    }
}
