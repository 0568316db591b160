using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Ivr.Fax.Interop;

/// <summary>
/// One spandsp <c>fax_state_t</c> (fax_init / fax_free) and the GC handle its phase-E callback points
/// at; both are released together, the native state first, so a callback during fax_free still finds
/// its owner. <see cref="Live"/> counts the states not yet freed (for the leak test).
/// </summary>
internal sealed class FaxStateHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private static long s_live;
    private GCHandle _owner;

    private FaxStateHandle()
        : base(ownsHandle: true)
    {
    }

    /// <summary>States created and not yet freed, process-wide.</summary>
    public static long Live => Interlocked.Read(ref s_live);

    /// <summary>The T.30 context inside the state; valid while the handle is.</summary>
    public nint T30 { get; private set; }

    /// <exception cref="DllNotFoundException">libspandsp is not installed.</exception>
    public static FaxStateHandle Create(bool callingParty, object owner)
    {
        var handle = new FaxStateHandle();
        var state = SpanDspNative.FaxInit(0, callingParty ? 1 : 0);
        if (state == 0) throw new InvalidOperationException("spandsp fax_init returned no state");
        handle.SetHandle(state);
        Interlocked.Increment(ref s_live);
        handle.T30 = SpanDspNative.FaxGetT30State(handle);
        handle._owner = GCHandle.Alloc(owner, GCHandleType.Weak); // weak: an undisposed session can still be collected, then finalized here
        return handle;
    }

    /// <summary>What the phase-E callback receives as user data.</summary>
    public nint OwnerCookie => GCHandle.ToIntPtr(_owner);

    protected override bool ReleaseHandle()
    {
        SpanDspNative.FaxFree(handle);
        if (_owner.IsAllocated) _owner.Free();
        Interlocked.Decrement(ref s_live);
        return true;
    }
}
