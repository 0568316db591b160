using Ivr.Sip.Dialogs;
using Ivr.Sip.Transactions;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// The live inbound INVITE sessions by dialog id (RFC 3261 §12.2.2): where ACKs, CANCELs and in-dialog requests
/// are routed. A session leaves when it ends for good. Runs only on the stack's work queue.
/// </summary>
internal sealed class UasSessions
{
    private readonly Dictionary<SipDialogId, UasInviteSession> _sessions = [];

    public int Count => _sessions.Count;

    public IReadOnlyCollection<SipCall> Calls => [.. _sessions.Values.Select(s => s.Call)];

    public void Add(UasInviteSession session) => _sessions[session.Dialog.Id] = session;

    public void Remove(UasInviteSession session) => _sessions.Remove(session.Dialog.Id);

    /// <summary>The session whose dialog <paramref name="request"/> belongs to (its To tag is ours).</summary>
    public bool TryFind(SipRequest request, out UasInviteSession session)
    {
        var id = new SipDialogId(request.CallId ?? string.Empty, request.To?.Tag ?? string.Empty, request.From?.Tag ?? string.Empty);
        return _sessions.TryGetValue(id, out session!);
    }

    /// <summary>The session created by <paramref name="invite"/>, if it is still live.</summary>
    public UasInviteSession? FindByInvite(InviteServerTransaction invite) => _sessions.Values.FirstOrDefault(s => s.Transaction == invite);

    /// <summary>Ends every session: BYE for answered ones, 503 for the others.</summary>
    public void ShutdownAll()
    {
        foreach (var session in _sessions.Values.ToList())
        {
            session.Shutdown();
        }
    }
}
