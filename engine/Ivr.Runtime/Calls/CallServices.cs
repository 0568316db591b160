using Ivr.Core.Lookups;

namespace Ivr.Runtime.Calls;

/// <summary>What every call shares: time, the back end, where events go, and the editors' switch values (none: the flows' own).</summary>
public sealed record CallServices(TimeProvider Time, ILookupService Lookups, ICallRecorder Recorder, ISwitchValues? Switches = null);
