namespace Ivr.OperationsConsole.BrowserTests.Support;

/// <summary>Where the repository, the built <c>ivr</c> program, the pages' source and the screenshots are.</summary>
internal static class RepositoryPaths
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    /// <summary>ivr.dll of the same configuration as these tests (the project reference builds it first).</summary>
    public static string IvrDll => Path.Combine(Root, "engine", "Ivr.Host", "bin", Configuration, "net10.0", "ivr.dll");

    /// <summary>The pages as edited: the server serves them from here, so a test sees the source, never a stale copy.</summary>
    public static string WwwRoot => Path.Combine(Root, "engine", "Ivr.Console", "wwwroot");

    public static string Screenshots => Path.Combine(Root, "artifacts", "console-screenshots");

    public static string Prompts => Path.Combine(Root, "prompts", "zh-CN");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Ivr.sln above {AppContext.BaseDirectory}");
    }
}
