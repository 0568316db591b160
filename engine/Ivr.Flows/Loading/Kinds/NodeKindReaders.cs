namespace Ivr.Flows.Loading.Kinds;

/// <summary>Every node kind's reader, by the name written after <c>kind:</c>.</summary>
internal static class NodeKindReaders
{
    public static readonly IReadOnlyList<NodeKindReader> All =
    [
        new PlayReader(), new MenuReader(), new CollectReader(), new SayReader(), new LookupReader(),
        new BranchReader(), new SetReader(), new HoursReader(), new RecordReader(), new TransferReader(),
        new SubflowReader(), new ReturnReader(), new GotoReader(), new HangupReader(), new FaxReader(),
    ];

    public static readonly IReadOnlyDictionary<string, NodeKindReader> ByName = All.ToDictionary(r => r.Name);
}
