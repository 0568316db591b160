using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent.Uas;

/// <summary>
/// The UAS core's 2xx retransmission (RFC 3261 §13.3.1.4): resend the 200 at T1, doubling up to T2,
/// until the ACK arrives (<see cref="Stop"/>); after 64*T1 without ACK report the give-up, upon which the
/// session is ended with a BYE. Over a reliable transport nothing is resent but the 64*T1 wait still applies.
/// A new <see cref="Start"/> (a re-INVITE's 200) replaces the 2xx resent so far.
/// </summary>
internal sealed class InviteOkRetransmitter
{
    private readonly TransactionContext _context;
    private readonly SipEndPoint _destination;
    private readonly Action _onGiveUp;
    private readonly TransactionTimer _resend;
    private readonly TransactionTimer _giveUp;
    private SipResponse? _response;

    public InviteOkRetransmitter(TransactionContext context, SipEndPoint destination, Action onGiveUp)
    {
        _context = context;
        _destination = destination;
        _onGiveUp = onGiveUp;
        _resend = new TransactionTimer(context, OnResend);
        _giveUp = new TransactionTimer(context, OnGiveUp);
    }

    /// <summary>True while a 2xx is held to be resent (until the ACK or the give-up).</summary>
    public bool HoldsResponse => _response is not null;

    public void Start(SipResponse response)
    {
        Stop();
        _response = response;
        if (!_destination.IsReliable)
        {
            _resend.Start(_context.Timers.T1);
        }

        _giveUp.Start(_context.Timers.TransactionTimeout);
    }

    /// <summary>The ACK came (or the session ends): nothing is resent, and the 2xx is let go.</summary>
    public void Stop()
    {
        _resend.Stop();
        _giveUp.Stop();
        _response = null;
    }

    private void OnResend()
    {
        _context.Sender.SendResponse(_response!, _destination);
        _resend.Start(_context.Timers.Backoff(_resend.Interval));
    }

    private void OnGiveUp()
    {
        Stop();
        _onGiveUp();
    }
}
