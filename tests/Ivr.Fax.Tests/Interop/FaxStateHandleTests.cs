using System.Diagnostics;
using Ivr.Fax.Interop;
using Ivr.Fax.Tests.Support;

namespace Ivr.Fax.Tests.Interop;

/// <summary>Nothing native outlives its session: disposed or only dropped, every fax_state_t is freed.</summary>
[Collection(nameof(NativeStateCounting))]
public sealed class FaxStateHandleTests
{
    [Fact]
    public void CreateAndDispose_ManySessions_FreesEveryNativeState()
    {
        var before = FaxStateHandle.Live;
        var handles = Process.GetCurrentProcess().HandleCount;
        var memory = Environment.WorkingSet;
        var folder = TestDocuments.NewFolder();

        for (var i = 0; i < 500; i++)
        {
            using var transmitter = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions());
            using var receiver = new FaxReceiver(Path.Combine(folder, $"r{i}.tif"), new FaxSessionOptions());
            transmitter.Transmit(new short[160]);
            receiver.Receive(new short[160]);
            Assert.Equal(before + 2, FaxStateHandle.Live);
        }

        Assert.Equal(before, FaxStateHandle.Live);
        Assert.InRange(Process.GetCurrentProcess().HandleCount, 0, handles + 20); // no file left open per session
        Assert.InRange(Environment.WorkingSet - memory, long.MinValue, 200L << 20); // ~1 MB each would show
    }

    [Fact]
    public void DroppedWithoutDispose_FinalizerFreesTheNativeState()
    {
        var before = FaxStateHandle.Live;
        CreateAndDrop(50);

        for (var i = 0; i < 5 && FaxStateHandle.Live != before; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.Equal(before, FaxStateHandle.Live);
    }

    [Fact]
    public void Disposed_TransmitGivesSilenceAndReceiveIsIgnored()
    {
        var transmitter = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions());
        transmitter.Dispose();
        var frame = Enumerable.Repeat((short)99, 160).ToArray();

        transmitter.Transmit(frame);
        transmitter.Receive(frame);
        transmitter.Hangup();

        Assert.All(frame, s => Assert.Equal(0, s));
        Assert.Null(transmitter.Result);
    }

    [Fact]
    public void Transmitter_MissingFile_ThrowsAndLeavesNoNativeState()
    {
        var before = FaxStateHandle.Live;

        Assert.Throws<FileNotFoundException>(() => new FaxTransmitter("/nonexistent/doc.tif", new FaxSessionOptions()));
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(before, FaxStateHandle.Live);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static void CreateAndDrop(int count)
    {
        for (var i = 0; i < count; i++) _ = new FaxTransmitter(TestDocuments.ThreePages, new FaxSessionOptions());
    }
}

/// <summary>Tests that count live native states run one at a time.</summary>
[CollectionDefinition(nameof(NativeStateCounting), DisableParallelization = true)]
public sealed class NativeStateCounting;
