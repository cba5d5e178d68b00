using SupplyMatch.Core.Transport;

namespace SupplyMatch.Core.Matching;

/// <summary>The lots of one product as parallel arrays of the few integers the filters read.</summary>
internal sealed class ProductLots
{
    private ProductLots(int count)
    {
        Count = count;
        Lot = new int[count];
        Base = new int[count];
        Grade = new int[count];
        From = new int[count];
        To = new int[count];
        Harvest = new int[count];
        PriceFen = new int[count];
        BonusFen = new int[count];
    }

    public int Count { get; }

    public int[] Lot { get; }

    public int[] Base { get; }

    public int[] Grade { get; }

    /// <summary>First ship day (day number).</summary>
    public int[] From { get; }

    /// <summary>Last ship day (day number).</summary>
    public int[] To { get; }

    public int[] Harvest { get; }

    public int[] PriceFen { get; }

    /// <summary>Poverty bonus fen/kg (0 unless the base is poverty-linked).</summary>
    public int[] BonusFen { get; }

    public static ProductLots Of(ProblemIndex index, int product)
    {
        var positions = index.LotsByProduct[product];
        var bonus = (int)Money.ToFen(index.Settings.PovertyBonusCnyPerKg);
        var lots = new ProductLots(positions.Length);
        for (var i = 0; i < positions.Length; i++)
        {
            var s = positions[i];
            var lot = index.Lots[s];
            lots.Lot[i] = s;
            lots.Base[i] = index.LotBase[s];
            lots.Grade[i] = (int)lot.Grade;
            lots.From[i] = lot.AvailableFrom.DayNumber;
            lots.To[i] = lot.AvailableTo.DayNumber;
            lots.Harvest[i] = lot.HarvestDate.DayNumber;
            lots.PriceFen[i] = index.LotPriceFen[s];
            lots.BonusFen[i] = index.Bases[lots.Base[i]].PovertyLinked ? bonus : 0;
        }

        return lots;
    }
}
