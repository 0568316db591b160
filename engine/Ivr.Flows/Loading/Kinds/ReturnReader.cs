using Ivr.Flows.Model.Nodes;

namespace Ivr.Flows.Loading.Kinds;

internal sealed class ReturnReader : NodeKindReader
{
    public override NodeKind Kind => NodeKind.Return;

    public override IReadOnlyList<string> Fields { get; } = ["outcome"];

    public override Node Read(FieldReader f, NodeHeader h)
    {
        var outcome = f.Text("outcome") ?? "ok";
        if (f.Value("outcome") is { } value) VariableName.Check(outcome, value.Location, $"{f.Owner}: 'outcome'", f.Context);
        return new ReturnNode { Name = h.Name, Flow = h.Flow, Location = h.Location, Outcome = outcome };
    }
}
