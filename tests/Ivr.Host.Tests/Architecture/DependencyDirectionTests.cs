using System.Reflection;
using System.Xml.Linq;

namespace Ivr.Host.Tests.Architecture;

/// <summary>
/// Dependencies point one way: protocol code knows no flows (Core at most); the runtime knows no sockets, SQL or media; the
/// flow layer knows no media. Checked twice: in the compiled assemblies (every Ivr assembly reachable through
/// references, so a dependency through another project counts) and in the .csproj files (a reference the
/// code does not use yet is still a dependency).
/// </summary>
public sealed class DependencyDirectionTests
{
    private static IReadOnlyList<string> References(string assembly) =>
        [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)];

    /// <summary>Every assembly reachable from <paramref name="assembly"/>, following Ivr assemblies only.</summary>
    private static IReadOnlySet<string> ReachableAssemblies(string assembly)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(References(assembly));
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next) || !next.StartsWith("Ivr.", StringComparison.Ordinal)) continue;
            foreach (var reference in References(next)) pending.Push(reference);
        }

        return seen;
    }

    /// <summary>Every engine project reachable from <paramref name="project"/> through ProjectReference items.</summary>
    private static IReadOnlySet<string> ReachableProjects(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(ProjectReferences(project));
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next)) foreach (var reference in ProjectReferences(next)) pending.Push(reference);
        }

        return seen;
    }

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(Path.Combine(EngineFolder, project, project + ".csproj"))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value));

    private static string EngineFolder { get; } = FindEngineFolder();

    private static string FindEngineFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return Path.Combine(dir.FullName, "engine");
        }

        throw new InvalidOperationException("repository root (Ivr.sln) not found above " + AppContext.BaseDirectory);
    }

    [Theory]
    [InlineData("Ivr.Sip")]
    [InlineData("Ivr.Media")]
    public void ProtocolProjects_ReferenceNoIvrProjectButCore(string assembly)
    {
        Assert.DoesNotContain(References(assembly), r => r.StartsWith("Ivr.", StringComparison.Ordinal) && r != "Ivr.Core");
        Assert.All(ProjectReferences(assembly), r => Assert.Equal("Ivr.Core", r));
    }

    [Fact]
    public void Core_ReferencesNoPackageAndNoOtherIvrProject()
    {
        Assert.All(References("Ivr.Core"), r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", r));
        Assert.Empty(ProjectReferences("Ivr.Core"));
    }

    [Fact]
    public void Runtime_KnowsNoSqlNoSipNoMedia()
    {
        var assemblies = ReachableAssemblies("Ivr.Runtime");
        var projects = ReachableProjects("Ivr.Runtime");
        foreach (var forbidden in new[] { "Ivr.Data", "Ivr.Sip", "Ivr.Media", "Ivr.Telephony" })
        {
            Assert.DoesNotContain(forbidden, assemblies);
            Assert.DoesNotContain(forbidden, projects);
        }

        Assert.DoesNotContain("Microsoft.Data.Sqlite", assemblies);
        Assert.DoesNotContain("Dapper", assemblies);
    }

    [Fact]
    public void Flows_KnowNoRuntimeNoDataNoMedia()
    {
        var assemblies = ReachableAssemblies("Ivr.Flows");
        var projects = ReachableProjects("Ivr.Flows");
        foreach (var forbidden in new[] { "Ivr.Runtime", "Ivr.Data", "Ivr.Media", "Ivr.Sip", "Ivr.Telephony" })
        {
            Assert.DoesNotContain(forbidden, assemblies);
            Assert.DoesNotContain(forbidden, projects);
        }
    }

    /// <summary>The checks above can fail: they see a dependency that does exist, through another project.</summary>
    [Fact]
    public void Reachability_SeesIndirectDependencies()
    {
        Assert.Contains("Ivr.Media", ReachableAssemblies("ivr")); // the Ivr.Host assembly, through Telephony
        Assert.Contains("Ivr.Media", ReachableProjects("Ivr.Host"));
        Assert.Contains("Ivr.Core", ReachableProjects("Ivr.Runtime")); // Runtime → Core directly and through Flows
    }
}
