using System.Text.Json;
using Ivr.Flows.Loading;
using Ivr.Flows.Model;
using Ivr.Runtime.Nodes;

namespace Ivr.Runtime.Tests.Nodes;

/// <summary>
/// A node kind exists in three places that must not drift apart: the loader reads it (Ivr.Flows), the
/// runtime runs it (a handler here), and the editors' schema (flows/flow.schema.json) offers it.
/// </summary>
public sealed class NodeKindCoverageTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(SchemaPath())).RootElement;

    public static TheoryData<NodeKind> Kinds => new(Enum.GetValues<NodeKind>());

    private static string NameOf(NodeKind kind) => kind.ToString().ToLowerInvariant();

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NodeKind_HasAReader(NodeKind kind) => Assert.Contains(NameOf(kind), FlowLanguage.Kinds);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NodeKind_HasAHandler(NodeKind kind) => Assert.NotNull(NodeHandlers.For(kind));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void NodeKind_HasASchemaEntry(NodeKind kind)
    {
        var definitions = Schema.GetProperty("definitions");
        var offered = definitions.GetProperty("node").GetProperty("properties").GetProperty("kind").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString());

        Assert.Contains(NameOf(kind), offered);
        Assert.True(definitions.TryGetProperty(NameOf(kind), out var definition), $"flow.schema.json has no definition '{NameOf(kind)}'");
        Assert.Equal(NameOf(kind), definition.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
    }

    [Fact]
    public void Readers_ReadNoKindTheModelLacks() =>
        Assert.Equal(Enum.GetValues<NodeKind>().Select(NameOf).Order(), FlowLanguage.Kinds.Order());

    private static string SchemaPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Ivr.sln"))) return Path.Combine(dir.FullName, "flows", "flow.schema.json");
        throw new InvalidOperationException("repository root (Ivr.sln) not found above " + AppContext.BaseDirectory);
    }
}
