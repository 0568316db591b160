namespace Ivr.Flows.Model.Nodes;

/// <summary>How a secure value shows in events: nothing but its length, or the hotline's display masks.</summary>
public enum MaskStyle
{
    Secret,
    ResidentId,
    Phone,
    Card,
}
