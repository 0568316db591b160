namespace Ivr.Host.Tests;

/// <summary>A private copy of flows/examples (with its prompt catalog) that a test may edit.</summary>
internal sealed class ExampleFlows : IDisposable
{
    public ExampleFlows()
    {
        Root = Directory.CreateTempSubdirectory("ivr-host-test-").FullName;
        Flows = Path.Combine(Root, "flows");
        Copy(Path.Combine(RepositoryRoot, "flows", "examples"), Flows);
        Prompts = Path.Combine(Flows, "prompts");
    }

    public string Root { get; }

    public string Flows { get; }

    public string Prompts { get; }

    public static string RepositoryRoot
    {
        get
        {
            for (var dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
                if (File.Exists(Path.Combine(dir, "Ivr.sln"))) return dir;
            throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
        }
    }

    public void Edit(string file, Func<string, string> change)
    {
        var path = Path.Combine(Flows, file);
        File.WriteAllText(path, change(File.ReadAllText(path)));
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from)) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
