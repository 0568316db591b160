namespace Ivr.Fax.Rendering;

/// <summary>
/// The fax page we render: ITU-T T.4 fine resolution (204 × 196 dpi), 1728 pixels across (215 mm,
/// the A4 scan width), A4 length (297 mm = 2292 rows). PostScript units are points (1/72 inch).
/// </summary>
public static class FaxPage
{
    public const int WidthPixels = 1728;
    public const int LengthPixels = 2292;
    public const int XDpi = 204;
    public const int YDpi = 196;

    public static double WidthPoints => WidthPixels * 72.0 / XDpi;

    public static double LengthPoints => LengthPixels * 72.0 / YDpi;
}
