namespace Ivr.OperationsConsole.Server;

/// <summary>The node's drain as the console sees it: whether it is draining, and a way to start it.</summary>
public interface IServerDrain
{
    /// <summary>Whether the node refuses new calls (503) and waits for its calls to end before it stops.</summary>
    bool IsDraining { get; }

    /// <summary>Starts draining; false when the node was draining already.</summary>
    /// <param name="reason">Who asked, for the server's log (no personal data).</param>
    bool Begin(string reason);
}
