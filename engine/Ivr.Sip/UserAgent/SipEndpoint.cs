using System.Buffers;
using Ivr.Sip.Throttling;
using Ivr.Sip.Transactions;
using Ivr.Sip.Transport;

namespace Ivr.Sip.UserAgent;

/// <summary>
/// The message pipeline between the transports and the UAS, independent of sockets: the <see cref="InboundGate"/>
/// (per-source budget and work-queue cap, before any copy), a pooled copy onto the work queue, parse (malformed input
/// is logged once per source per minute, and answered 400 when its headers allow), trust (403), Via stamping
/// (§18.2.1), validation (400/505), retransmission absorption by the transaction layer, then the UAS core.
/// Responses go to the client transactions; unmatched ones are dropped (§18.1.2).
/// </summary>
public sealed class SipEndpoint
{
    private readonly ISipMessageSender _sender;
    private readonly SipUserAgentOptions _options;
    private readonly ISipLog _log;
    private readonly MalformedInputLimiter _limiter;
    private readonly MalformedInputLimiter _strayLimiter;

    public SipEndpoint(
        ISipMessageSender sender, ISipCallHandler handler, SipLocalAddress local, SipUserAgentOptions options,
        TimeProvider time, ISipLog? log = null, DialogPeers? peers = null)
        : this(sender, _ => handler, local, options, time, log, peers)
    {
    }

    /// <param name="handlerFor">Builds the inbound call handler from the finished calling side, so a handler that
    /// also dials gets its <see cref="SipCaller"/> at construction (one build order, nothing attached later).</param>
    public SipEndpoint(
        ISipMessageSender sender, Func<SipCaller, ISipCallHandler> handlerFor, SipLocalAddress local, SipUserAgentOptions options,
        TimeProvider time, ISipLog? log = null, DialogPeers? peers = null)
    {
        ArgumentNullException.ThrowIfNull(handlerFor);
        _sender = sender;
        _options = options;
        _log = log ?? NullSipLog.Instance;
        _limiter = new MalformedInputLimiter(time);
        _strayLimiter = new MalformedInputLimiter(time);
        Queue = new SipWorkQueue(_log);
        Gate = new InboundGate(options.Inbound, options.Proxies, time, _log);
        var context = new TransactionContext(sender, time, Queue, options.Timers);
        Transactions = new SipTransactionLayer(context);
        var outbound = new SipOutboundCalls(context, Transactions, local, _log);
        Caller = new SipCaller(outbound, local);
        UserAgent = new SipUserAgent(context, Transactions, handlerFor(Caller), outbound, options, local, _log, peers ?? new DialogPeers());
    }

    public SipWorkQueue Queue { get; }

    public InboundGate Gate { get; }

    public SipTransactionLayer Transactions { get; }

    public SipUserAgent UserAgent { get; }

    /// <summary>Places outbound calls (UAC).</summary>
    public SipCaller Caller { get; }

    /// <summary>
    /// Entry point for the transports: one datagram, or one framed stream message, valid only during this call.
    /// Dropped unread when the gate refuses it; otherwise copied into a pooled buffer for the work queue.
    /// </summary>
    public void Receive(ReadOnlyMemory<byte> data, SipEndPoint source)
    {
        if (Gate.Admit(source, Queue.Pending)) Enqueue(data, source);
    }

    /// <summary>
    /// Entry point for a transport that asked <see cref="Gate"/> itself before keeping the message (UDP, on its receive
    /// thread): only the work queue's cap is checked here.
    /// </summary>
    public void Accept(ReadOnlyMemory<byte> data, SipEndPoint source)
    {
        if (Gate.AdmitQueued(source, Queue.Pending)) Enqueue(data, source);
    }

    private void Enqueue(ReadOnlyMemory<byte> data, SipEndPoint source)
    {
        var length = data.Length;
        var copy = ArrayPool<byte>.Shared.Rent(length);
        data.Span.CopyTo(copy);
        Queue.Post(() =>
        {
            try
            {
                Process(copy.AsSpan(0, length), source);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(copy);
            }
        });
    }

    private void Process(ReadOnlySpan<byte> data, SipEndPoint source)
    {
        var options = new SipParseOptions { IsStream = source.IsReliable, MaxMessageSize = _options.MaxMessageSize };
        var parsed = SipParser.Parse(data, options);
        if (!parsed.IsSuccess)
        {
            Malformed(source, parsed.Error!);
            if (parsed.Partial is SipRequest partial && CanAnswer(partial) && IsTrusted(source))
            {
                _sender.SendResponse(SipResponseFactory.Create(partial, 400, ReasonPhrase(parsed.Error!), SipIds.NewTag()), source);
            }

            return;
        }

        var validation = SipMessageValidator.Validate(parsed.Message!);
        if (parsed.Message is SipResponse response)
        {
            if (!validation.IsValid)
            {
                Malformed(source, $"invalid response dropped: {validation.Reason}");
            }
            else if (!Transactions.ReceiveResponse(response))
            {
                UserAgent.OnStrayResponse(response);
                if (_strayLimiter.ShouldLog(source.EndPoint.Address))
                {
                    _log.Info($"a {response.StatusCode} response from {source} matched no transaction");
                }
            }

            return;
        }

        var request = (SipRequest)parsed.Message!;
        if (!IsTrusted(source))
        {
            Malformed(source, $"request from an untrusted source: {request.Method}");
            if (CanAnswer(request))
            {
                _sender.SendResponse(SipResponseFactory.Create(request, 403, null, SipIds.NewTag()), source);
            }

            return;
        }

        ViaRouting.StampReceived(request, source);
        if (Transactions.TryAbsorb(request))
        {
            return;
        }

        if (!validation.IsValid)
        {
            Malformed(source, $"invalid {request.Method}: {validation.Reason}");
            if (CanAnswer(request))
            {
                var reject = SipResponseFactory.Create(request, validation.StatusCode, validation.Reason, SipIds.NewTag());
                if (SipTransactionKey.ForServer(request) is not null)
                {
                    Transactions.CreateServerTransaction(request, source).SendResponse(reject);
                }
                else
                {
                    _sender.SendResponse(reject, source);
                }
            }

            return;
        }

        UserAgent.OnRequest(request, source);
    }

    /// <summary>A response needs the request's Via to be routed and is never sent to an ACK (§17.1.1.3).</summary>
    private static bool CanAnswer(SipRequest request) =>
        request.Method != SipMethods.Ack && request.Headers.Contains(SipHeaderNames.Via);

    private bool IsTrusted(SipEndPoint source) => _options.TrustedSources.IsTrusted(source.EndPoint.Address);

    private void Malformed(SipEndPoint source, string reason)
    {
        Gate.Malformed(source);
        if (_limiter.ShouldLog(source.EndPoint.Address))
        {
            _log.Warning($"malformed or refused SIP input from {source} (further reports from it muted for a minute): {reason}");
        }
    }

    /// <summary>A parse error as a Reason-Phrase: no control characters (§25.1), at most 80 characters.</summary>
    private static string ReasonPhrase(string error)
    {
        var clean = new string(error.Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return clean.Length > 80 ? clean[..80] : clean;
    }
}
