namespace Ivr.Flows.Prompts;

/// <summary>
/// Band-limited sample-rate conversion of 16-bit audio (windowed-sinc interpolation, Blackman
/// window, cut-off just under the new Nyquist frequency). Used when sox is not installed:
/// espeak-ng writes 22 050 Hz and the telephone line needs 8 000 Hz.
/// </summary>
public static class PcmResampler
{
    private const int HalfTaps = 16;

    public static short[] Resample(ReadOnlySpan<short> input, int inputRate, int outputRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(inputRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(outputRate);
        if (inputRate == outputRate) return input.ToArray();
        var ratio = (double)inputRate / outputRate;
        var cutoff = 0.95 * Math.Min(1.0, 1.0 / ratio); // relative to the input Nyquist frequency
        var halfWidth = HalfTaps / cutoff;
        var output = new short[(int)(input.Length / ratio)];
        for (var n = 0; n < output.Length; n++)
        {
            var center = n * ratio;
            var first = Math.Max(0, (int)Math.Ceiling(center - halfWidth));
            var last = Math.Min(input.Length - 1, (int)Math.Floor(center + halfWidth));
            double sum = 0;
            for (var i = first; i <= last; i++)
            {
                var x = i - center;
                sum += input[i] * cutoff * Sinc(cutoff * x) * Blackman(x / halfWidth);
            }

            output[n] = (short)Math.Clamp(Math.Round(sum), short.MinValue, short.MaxValue);
        }

        return output;
    }

    private static double Sinc(double x) => x == 0 ? 1 : Math.Sin(Math.PI * x) / (Math.PI * x);

    /// <summary>Blackman window over −1 … 1.</summary>
    private static double Blackman(double t) =>
        Math.Abs(t) >= 1 ? 0 : 0.42 + 0.5 * Math.Cos(Math.PI * t) + 0.08 * Math.Cos(2 * Math.PI * t);
}
