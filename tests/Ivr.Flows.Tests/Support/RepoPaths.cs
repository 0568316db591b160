namespace Ivr.Flows.Tests.Support;

/// <summary>Finds files of the repository (example flows, the schema) from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Examples => Path.Combine(Root, "flows", "examples");

    public static string ExamplePrompts => Path.Combine(Examples, "prompts");

    public static string Schema => Path.Combine(Root, "flows", "flow.schema.json");

    public static string Fixtures => Path.Combine(Root, "tests", "Ivr.Flows.Tests", "Fixtures");

    public static readonly IReadOnlyCollection<string> ExampleOperations = ["pension.summary", "auth.verify_pin"];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return dir.FullName;
        }

        throw new InvalidOperationException("repository root (Ivr.sln) not found above " + AppContext.BaseDirectory);
    }
}
