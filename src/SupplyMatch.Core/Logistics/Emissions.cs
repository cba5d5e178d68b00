using SupplyMatch.Core.Domain;

namespace SupplyMatch.Core.Logistics;

/// <summary>
/// CO2 estimate per truck-km (MODEL.md "Logistics", emissions): diesel use by vehicle size, +12 % for a running
/// refrigeration unit, times 2.68 kg CO2 per litre of diesel (IPCC 2006 default: 74.1 t CO2/TJ x 43.0 MJ/kg x 0.84 kg/L).
/// </summary>
public static class Emissions
{
    /// <summary>kg CO2 per litre of diesel burnt.</summary>
    public const double KgCo2PerLitreDiesel = 2.68;

    /// <summary>Extra fuel of a refrigerated truck whose unit is running.</summary>
    public const double RefrigerationFuelFactor = 1.12;

    /// <summary>Planning fuel use of a laden truck, litres per 100 km, by payload class.</summary>
    public static double LitresPer100Km(VehicleType vehicle) =>
        vehicle.CapacityKg switch
        {
            <= 3_000 => 12.0,
            <= 10_000 => 18.0,
            <= 20_000 => 25.0,
            _ => 32.0,
        } * (vehicle.Refrigerated ? RefrigerationFuelFactor : 1.0);

    /// <summary>kg CO2 per km driven.</summary>
    public static double KgCo2PerKm(VehicleType vehicle) => LitresPer100Km(vehicle) / 100.0 * KgCo2PerLitreDiesel;
}
