namespace SupplyMatch.Storage;
