using Ivr.Flows.Expressions;

namespace Ivr.Flows.Model.Nodes;

public sealed record BranchCase(Expression When, Target Then);
