namespace Ivr.Flows.Tests.Prompts;

/// <summary>Finds committed files (prompts/, flows/) from the test's output folder.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string CatalogPath => Path.Combine(Root, "prompts", "zh-CN", "catalog.yaml");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "prompts", "zh-CN", "catalog.yaml"))) return dir.FullName;
        }

        throw new InvalidOperationException("repository root with prompts/zh-CN/catalog.yaml not found");
    }
}
