using System.Reflection;

namespace Ivr.Host.Tests.Architecture;

/// <summary>Dependencies point one way: protocol code knows no flows (Core at most); the runtime knows no sockets or SQL.</summary>
public sealed class DependencyDirectionTests
{
    private static IReadOnlyList<string> References(string assembly) =>
        [.. Assembly.Load(assembly).GetReferencedAssemblies().Select(a => a.Name!)];

    [Theory]
    [InlineData("Ivr.Sip")]
    [InlineData("Ivr.Media")]
    public void ProtocolProjects_ReferenceNoIvrProjectButCore(string assembly) =>
        Assert.DoesNotContain(References(assembly), r => r.StartsWith("Ivr.", StringComparison.Ordinal) && r != "Ivr.Core");

    [Fact]
    public void Core_ReferencesNoPackageAndNoOtherIvrProject() =>
        Assert.All(References("Ivr.Core"), r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", r));

    [Fact]
    public void Runtime_KnowsNoSqlNoSipNoMedia()
    {
        var references = References("Ivr.Runtime");
        Assert.DoesNotContain("Ivr.Data", references);
        Assert.DoesNotContain("Ivr.Sip", references);
        Assert.DoesNotContain("Microsoft.Data.Sqlite", references);
        Assert.DoesNotContain("Dapper", references);
    }

    [Fact]
    public void Flows_KnowNoRuntimeAndNoData()
    {
        var references = References("Ivr.Flows");
        Assert.DoesNotContain("Ivr.Runtime", references);
        Assert.DoesNotContain("Ivr.Data", references);
    }
}
