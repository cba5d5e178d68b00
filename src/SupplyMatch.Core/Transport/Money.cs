namespace SupplyMatch.Core.Transport;

/// <summary>Conversions between decimal CNY and integer fen (0.01 CNY), the unit solvers work in.</summary>
public static class Money
{
    /// <summary>CNY to whole fen, rounded half away from zero.</summary>
    public static long ToFen(decimal cny) => (long)Math.Round(cny * 100m, MidpointRounding.AwayFromZero);

    /// <summary>CNY given as a double to whole fen, rounded half away from zero.</summary>
    public static long ToFen(double cny) => (long)Math.Round((decimal)cny * 100m, MidpointRounding.AwayFromZero);

    /// <summary>Fen to CNY, exact.</summary>
    public static decimal ToCny(long fen) => fen / 100m;
}
