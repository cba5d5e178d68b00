namespace SupplyMatch.Core.Routing;

/// <summary>
/// Distances and travel times between locations, as integers (OR-Tools routing works on longs).
/// <c>Distance[i][j]</c> is in units of 1/<see cref="DistanceScale"/> of a distance (e.g. scale 10 with km
/// means tenths of a km); <c>Time[i][j]</c> is in units of 1/<see cref="TimeScale"/> of a time unit.
/// The matrices may be asymmetric; the diagonal should be zero.
/// </summary>
public sealed record TravelMatrix(long[][] Distance, long[][] Time, int DistanceScale = 1, int TimeScale = 1)
{
    /// <summary>Number of locations.</summary>
    public int Size => Distance.Length;

    /// <summary>A distance in matrix units as a real distance.</summary>
    public double ToDistance(long units) => (double)units / DistanceScale;

    /// <summary>A time in matrix units as a real time.</summary>
    public double ToTime(long units) => (double)units / TimeScale;

    /// <summary>
    /// Euclidean distances between planar points, travel time equal to distance (the Solomon convention).
    /// <see cref="ArcRounding.Dimacs"/>: every arc is truncated to one decimal, floor(10 d) tenths, for both
    /// distance and time (scale 10). <see cref="ArcRounding.None"/>: distance rounded to thousandths and time
    /// rounded up to thousandths (scale 1000), so that a schedule feasible in these units is feasible in reals
    /// up to 0.001 per arc.
    /// </summary>
    public static TravelMatrix Euclidean(IReadOnlyList<(double X, double Y)> points, ArcRounding rounding)
    {
        var scale = rounding == ArcRounding.Dimacs ? 10 : 1000;
        var n = points.Count;
        var distance = new long[n][];
        var time = new long[n][];
        for (var i = 0; i < n; i++)
        {
            distance[i] = new long[n];
            time[i] = new long[n];
            for (var j = 0; j < n; j++)
            {
                var d = Math.Sqrt(Square(points[i].X - points[j].X) + Square(points[i].Y - points[j].Y));
                (distance[i][j], time[i][j]) = rounding == ArcRounding.Dimacs
                    ? (Truncate(d * scale), Truncate(d * scale))
                    : ((long)Math.Round(d * scale, MidpointRounding.AwayFromZero), (long)Math.Ceiling(d * scale - 1e-9));
            }
        }

        return new TravelMatrix(distance, time, scale, scale);
    }

    // The small epsilon keeps values such as 10 * 2.3 = 22.999999999999996 at 23.
    private static long Truncate(double scaled) => (long)Math.Floor(scaled + 1e-9);

    private static double Square(double x) => x * x;
}

/// <summary>How real arc lengths become integers.</summary>
public enum ArcRounding
{
    /// <summary>DIMACS 2021 convention: each arc truncated to one decimal (scale 10), time = truncated distance.</summary>
    Dimacs,

    /// <summary>No truncation: thousandths (scale 1000); distance rounded, time rounded up.</summary>
    None,
}
