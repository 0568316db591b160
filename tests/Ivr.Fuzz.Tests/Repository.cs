namespace Ivr.Fuzz.Tests;

/// <summary>The repository root: the folder above the test assembly that holds Ivr.sln.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Ivr.sln"))) return directory.FullName;
        }

        throw new InvalidOperationException($"no Ivr.sln above {AppContext.BaseDirectory}");
    }
}
