using System.Runtime.InteropServices;

namespace Ivr.Fax.Interop;

/// <summary>
/// spandsp's <c>t30_stats_t</c> (t30.h, 0.0.6): fifteen ints. Reserve keeps a newer library that
/// appends fields from writing past the struct.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal unsafe struct T30Statistics
{
    public int BitRate;
    public int ErrorCorrectingMode;
    public int PagesTransmitted;
    public int PagesReceived;
    public int PagesInFile;
    public int XResolution;
    public int YResolution;
    public int Width;
    public int Length;
    public int ImageSize;
    public int Encoding;
    public int BadRows;
    public int LongestBadRowRun;
    public int ErrorCorrectingModeRetries;
    public int CurrentStatus;
    private fixed int _reserve[17];
}
