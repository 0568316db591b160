namespace Ivr.Data.Nodes;

/// <summary>How calls that no process could end are closed in the records.</summary>
public static class LostCallDispositions
{
    /// <summary>The call's node stopped heart-beating; another node closed the record.</summary>
    public const string NodeLost = "node_lost";

    /// <summary>The call's node died and, started again, closed the record itself.</summary>
    public const string ServerLost = "server_lost";
}
