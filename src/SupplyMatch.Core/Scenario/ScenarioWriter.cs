using SupplyMatch.Core.Matching;
using static SupplyMatch.Core.Scenario.CsvWriter;

namespace SupplyMatch.Core.Scenario;

/// <summary>Writes a problem as a self-contained scenario directory in the formats of data/README.md.</summary>
internal static class ScenarioWriter
{
    public static void Write(MatchingProblem problem, string directory)
    {
        Directory.CreateDirectory(directory);
        WriteReference(problem.Reference, directory);
        CsvWriter.Write(Path.Combine(directory, ScenarioFileNames.Lots), ScenarioColumns.Lots, problem.Lots, l => [
            l.Id, l.BaseId, l.ProductCode, Vocabulary.Grades.Code(l.Grade), Of(l.HarvestDate), Of(l.AvailableFrom),
            Of(l.AvailableTo), Of(l.QuantityKg), Of(l.FirmKg), Of(l.PriceCnyPerKg), Of(l.MinOrderKg)]);
        CsvWriter.Write(Path.Combine(directory, ScenarioFileNames.Lines), ScenarioColumns.Lines, problem.Lines, l => [
            l.Id, l.BuyerId, l.ProductCode, Vocabulary.Grades.Code(l.MinGrade), Of(l.QuantityKg), Of(l.Earliest),
            Of(l.Latest), Of(l.MaxLandedCnyPerKg), Of(l.MinFreshnessPercent), Of(l.PartialAllowed), Of(l.Priority)]);
        File.WriteAllText(Path.Combine(directory, ScenarioFileNames.ScenarioJson), ScenarioJson.Write(problem.Settings));
    }

    private static void WriteReference(ReferenceData reference, string directory)
    {
        string PathOf(string file) => Path.Combine(directory, file);
        CsvWriter.Write(PathOf(ScenarioFileNames.Cities), ScenarioColumns.Cities, reference.Cities, c => [
            c.Id, c.NameZh, c.NameEn, Of(c.Location.Lat), Of(c.Location.Lon)]);
        CsvWriter.Write(PathOf(ScenarioFileNames.Products), ScenarioColumns.Products, reference.Products, p => [
            p.Code, p.NameZh, p.NameEn, p.Category, Of(p.ShelfLifeDays), Vocabulary.StorageClasses.Code(p.Storage), Of(p.CrateKg)]);
        CsvWriter.Write(PathOf(ScenarioFileNames.Bases), ScenarioColumns.Bases, reference.Bases, b => [
            b.Id, b.NameZh, b.NameEn, Vocabulary.Provinces.Code(b.Province), b.CountyZh, b.CountyEn,
            Of(b.Location.Lat), Of(b.Location.Lon), Of(b.Certifications), Of(b.PoorHouseholds), Of(b.PovertyCounty)]);
        CsvWriter.Write(PathOf(ScenarioFileNames.Buyers), ScenarioColumns.Buyers, reference.Buyers, b => [
            b.Id, b.NameZh, b.NameEn, Vocabulary.BuyerTypes.Code(b.Type), b.CityId, Of(b.Location.Lat), Of(b.Location.Lon),
            Of(b.RequiredCertifications), Of(b.ReceiveFrom), Of(b.ReceiveTo)]);
        CsvWriter.Write(PathOf(ScenarioFileNames.VehicleTypes), ScenarioColumns.VehicleTypes, reference.VehicleTypes, v => [
            v.Id, v.NameZh, v.NameEn, Of(v.CapacityKg), Of(v.Refrigerated), Of(v.CostPerKm), Of(v.FixedCost), Of(v.SpeedKmh)]);
        CsvWriter.Write(PathOf(ScenarioFileNames.Lanes), ScenarioColumns.Lanes, reference.Lanes, l => [
            l.OriginId, l.DestinationId, Of(l.DistanceKm), Of(l.Hours), Of(l.CostPerKg)]);
        if (reference.Hubs.Count > 0)
        {
            CsvWriter.Write(PathOf(ScenarioFileNames.Hubs), ScenarioColumns.Hubs, reference.Hubs, h => [
                h.Id, h.NameZh, h.NameEn, Vocabulary.HubKinds.Code(h.Kind), h.Region, Of(h.Location.Lat), Of(h.Location.Lon),
                Of(h.HandlingCnyPerKg), Of(h.HandlingHours)]);
        }
    }
}
