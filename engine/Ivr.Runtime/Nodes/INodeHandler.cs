using Ivr.Flows.Model;
using Ivr.Runtime.Calls;

namespace Ivr.Runtime.Nodes;

/// <summary>How one node kind behaves. Handlers are stateless singletons; per-call state lives in the session.</summary>
internal interface INodeHandler
{
    void Enter(CallSession call, Node node);

    void OnInput(CallSession call, Node node, SessionInput input);
}
