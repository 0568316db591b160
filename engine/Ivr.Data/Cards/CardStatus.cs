namespace Ivr.Data.Cards;

/// <summary>A social-security card's state; stored as <c>active</c> / <c>lost</c>.</summary>
public enum CardStatus
{
    Active,
    Lost,
}
