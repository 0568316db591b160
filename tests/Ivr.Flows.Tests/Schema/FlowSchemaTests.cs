using System.Text.Json;
using System.Text.RegularExpressions;
using Ivr.Flows.Loading;
using Ivr.Flows.Tests.Support;

namespace Ivr.Flows.Tests.Schema;

/// <summary>flows/flow.schema.json (what editors' VS Code checks as they type) says what the loader accepts, no more, no less.</summary>
public partial class FlowSchemaTests
{
    private static readonly JsonElement Schema = JsonDocument.Parse(File.ReadAllText(RepoPaths.Schema)).RootElement;

    private static JsonElement Definition(string name) => Schema.GetProperty("definitions").GetProperty(name);

    private static List<string> PropertiesOf(JsonElement element) =>
        element.GetProperty("properties").EnumerateObject().Select(p => p.Name).ToList();

    private static List<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    public static TheoryData<string> Kinds => new(FlowLanguage.Kinds);

    [Fact]
    public void Schema_IsDraft07()
    {
        Assert.Equal("http://json-schema.org/draft-07/schema#", Schema.GetProperty("$schema").GetString());
        Assert.False(Schema.GetProperty("additionalProperties").GetBoolean());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Schema_KindFields_AreExactlyTheLoadersFields(string kind)
    {
        var definition = Definition(kind);

        Assert.Equal(FlowLanguage.FieldsOf(kind).Order(), PropertiesOf(definition).Order());
        Assert.False(definition.GetProperty("additionalProperties").GetBoolean());
        Assert.Equal(kind, definition.GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Schema_RequiredFields_AreWhatTheLoaderReportsMissing(string kind)
    {
        using var folder = new FlowFolder().Write("main.yaml", $"flow: main\nstart: x\nnodes:\n  x: {{ kind: {kind} }}\n");

        var missing = folder.Load().Diagnostics
            .Select(d => MissingField().Match(d.Message))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);

        // Where the schema offers alternatives (play: prompts or recording), the loader names the first when neither is given.
        var definition = Definition(kind);
        var required = Strings(definition.GetProperty("required"))
            .Concat(definition.TryGetProperty("anyOf", out var alternatives) ? Strings(alternatives[0].GetProperty("required")) : []);
        Assert.Equal(required.Where(f => f != "kind").Order(), missing.Order());
    }

    [Fact]
    public void Schema_NodeKindEnumAndDispatch_CoverEveryKind()
    {
        var node = Definition("node");

        Assert.Equal(FlowLanguage.Kinds, Strings(node.GetProperty("properties").GetProperty("kind").GetProperty("enum")));
        var dispatched = node.GetProperty("allOf").EnumerateArray()
            .Select(rule => rule.GetProperty("if").GetProperty("properties").GetProperty("kind").GetProperty("const").GetString());
        Assert.Equal(FlowLanguage.Kinds, dispatched);
    }

    [Fact]
    public void Schema_FlowDefaultsAndCaseFields_AreExactlyTheLoadersFields()
    {
        Assert.Equal(FlowLanguage.FlowFields.Order(), PropertiesOf(Schema).Order());
        Assert.Equal(FlowLanguage.DefaultsFields.Order(), PropertiesOf(Definition("defaults")).Order());
        Assert.Equal(FlowLanguage.BranchCaseFields.Order(), PropertiesOf(Definition("case")).Order());
    }

    [Fact]
    public void Schema_Enums_AreTheLoadersChoices()
    {
        Assert.Equal(FlowLanguage.MaskNames.Order(), Strings(Definition("collect").GetProperty("properties").GetProperty("mask").GetProperty("enum")).Order());
        Assert.Equal(FlowLanguage.SayAsNames.Order(), Strings(Definition("say").GetProperty("properties").GetProperty("as").GetProperty("enum")).Order());
    }

    [Theory]
    [InlineData("5s", true)]
    [InlineData("500ms", true)]
    [InlineData("2m", true)]
    [InlineData("1.5h", true)]
    [InlineData("30", true)]
    [InlineData("5 s", true)]
    [InlineData("5 seconds", false)]
    [InlineData("soon", false)]
    public void Schema_DurationPattern_AgreesWithDurationTryParse(string text, bool valid)
    {
        var pattern = Definition("duration").GetProperty("pattern").GetString()!;

        Assert.Equal(valid, Regex.IsMatch(text, pattern));
        Assert.Equal(valid, Ivr.Flows.Model.Duration.TryParse(text, out _));
    }

    [GeneratedRegex("is missing the required field '([a-z_]+)'")]
    private static partial Regex MissingField();
}
