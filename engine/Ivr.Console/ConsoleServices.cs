using Ivr.OperationsConsole.Drafts;
using Ivr.OperationsConsole.Faxes;
using Ivr.OperationsConsole.Flows;
using Ivr.OperationsConsole.Live;
using Ivr.OperationsConsole.Server;
using Ivr.OperationsConsole.Metrics;

namespace Ivr.OperationsConsole;

/// <summary>What the console reads from the running server: the database, its clock, the calls in progress,
/// the flow set serving, the fax service when one is installed, the node's drain when the server offers one, and the
/// node's metrics (served on /metrics) when given, the pager of emergency voice messages (none: the banner only), the
/// editors' workbench (publishing, replay gate) when the server offers it, and the editors' switches, prompt audio and try-calls.</summary>
public sealed record ConsoleServices(
    IvrDatabase Database,
    TimeProvider Time,
    ILiveCalls LiveCalls,
    FlowSource Flows,
    Action<string> Log,
    IFaxJobControl? Faxes = null,
    IServerDrain? Drain = null,
    IMetricsText? Metrics = null,
    Callers.IEmergencyPager? Pager = null,
    IFlowWorkbench? Workbench = null,
    EditorServices? Editor = null);
