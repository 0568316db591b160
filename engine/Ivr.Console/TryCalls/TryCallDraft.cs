using Ivr.OperationsConsole.Drafts;

namespace Ivr.OperationsConsole.TryCalls;

/// <summary>The draft a try-call runs on, and the draft's flow set laid out on disk for the call's life (its prompts play
/// from there): deleted when the call is forgotten.</summary>
internal sealed record TryCallDraft(long Id, DraftFolder Folder);
