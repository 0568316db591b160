namespace Ivr.Fax.Interop;

/// <summary>The T30_SUPPORT_* bits of spandsp/t30.h that we offer.</summary>
internal static class T30Capabilities
{
    public const int T4OneDimensional = 0x02;
    public const int T4TwoDimensional = 0x04;
    public const int T6 = 0x08;

    public const int StandardResolution = 0x01;
    public const int FineResolution = 0x02;
    public const int SuperfineResolution = 0x04;

    public const int Width215Mm = 0x01;
    public const int UnlimitedLength = 0x10000;
    public const int A4Length = 0x20000;
    public const int B4Length = 0x40000;
    public const int UsLetterLength = 0x80000;
    public const int UsLegalLength = 0x100000;
}
