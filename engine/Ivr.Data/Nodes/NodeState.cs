namespace Ivr.Data.Nodes;

/// <summary>Where a node stands as its row says: heart-beating, silent past the loss timeout (or declared lost), or stopped cleanly.</summary>
public enum NodeState
{
    Live,
    Lost,
    Stopped,
}
