using Ivr.Sip.Tests.TestSupport;
using Ivr.Sip.Transactions;
using Microsoft.Extensions.Time.Testing;

namespace Ivr.Sip.Tests.Transactions;

/// <summary>A transaction layer over a fake clock and a recording sender.</summary>
public sealed class TransactionTestContext
{
    public TransactionTestContext()
    {
        Layer = new SipTransactionLayer(new TransactionContext(Sender, Time, new SipWorkQueue(), SipTimerSettings.Default));
    }

    public FakeTimeProvider Time { get; } = new();

    public RecordingSender Sender { get; } = new();

    public SipTransactionLayer Layer { get; }

    /// <summary>Advances the clock for <paramref name="span"/> and returns the instants (seconds from now) of every send.</summary>
    public List<double> RecordSendTimes(TimeSpan span)
    {
        var times = new List<double>();
        var step = TimeSpan.FromMilliseconds(100);
        for (var elapsed = step; elapsed <= span; elapsed += step)
        {
            var before = Sender.Count;
            Time.Advance(step);
            for (var i = before; i < Sender.Count; i++)
            {
                times.Add(Math.Round(elapsed.TotalSeconds, 1));
            }
        }

        return times;
    }

    /// <summary>Advances the clock in 100 ms steps so each timer fires at its own instant.</summary>
    public void Advance(TimeSpan span)
    {
        var step = TimeSpan.FromMilliseconds(100);
        for (var elapsed = TimeSpan.Zero; elapsed < span; elapsed += step)
        {
            Time.Advance(step);
        }
    }
}
