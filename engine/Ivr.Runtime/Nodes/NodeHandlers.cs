namespace Ivr.Runtime.Nodes;

/// <summary>The handler of each node kind, looked up by array index.</summary>
internal static class NodeHandlers
{
    private static readonly INodeHandler[] ByKind = Build();

    public static INodeHandler For(NodeKind kind) => ByKind[(int)kind];

    private static INodeHandler[] Build()
    {
        var handlers = new INodeHandler[Enum.GetValues<NodeKind>().Length];
        handlers[(int)NodeKind.Play] = new PlayHandler();
        handlers[(int)NodeKind.Say] = new SayHandler();
        handlers[(int)NodeKind.Menu] = new MenuHandler();
        handlers[(int)NodeKind.Collect] = new CollectHandler();
        handlers[(int)NodeKind.Lookup] = new LookupHandler();
        handlers[(int)NodeKind.Branch] = new BranchHandler();
        handlers[(int)NodeKind.Set] = new SetHandler();
        handlers[(int)NodeKind.Hours] = new HoursHandler();
        handlers[(int)NodeKind.Record] = new RecordHandler();
        handlers[(int)NodeKind.Transfer] = new TransferHandler();
        handlers[(int)NodeKind.Subflow] = new SubflowHandler();
        handlers[(int)NodeKind.Return] = new ReturnHandler();
        handlers[(int)NodeKind.Goto] = new GotoHandler();
        handlers[(int)NodeKind.Hangup] = new HangupHandler();
        handlers[(int)NodeKind.Fax] = new FaxHandler();
        return handlers;
    }
}
