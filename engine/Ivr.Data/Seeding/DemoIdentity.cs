namespace Ivr.Data.Seeding;

/// <summary>
/// One identity of the fixed demo set: everything a tester types on the keypad, what the identity
/// demonstrates and the answers to expect. Synthetic: no real person has these numbers.
/// </summary>
/// <param name="Id">18-character resident ID (last character may be X: press * on the keypad).</param>
/// <param name="Pin">The hotline PIN (demo only: real PINs are never printed).</param>
/// <param name="CardNumber">12-digit social-security card number.</param>
/// <param name="Serial">10-digit computer serial number (电脑序号).</param>
/// <param name="AppraisalNumber">劳鉴号码, when the identity has an appraisal.</param>
/// <param name="Situation">What this identity demonstrates.</param>
/// <param name="Expected">The answers the service operations give for it.</param>
public sealed record DemoIdentity(
    string Id,
    string Name,
    string Pin,
    string CardNumber,
    string Serial,
    string? AppraisalNumber,
    string Situation,
    string Expected);
