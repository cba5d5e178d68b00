namespace SupplyMatch.Core.Routing;

/// <summary>Structural checks of a <see cref="RoutingProblem"/>: mistakes of the caller, not of the data's feasibility.</summary>
internal static class RoutingValidation
{
    /// <exception cref="ArgumentException">With the first problem found.</exception>
    public static void Validate(RoutingProblem problem)
    {
        var travel = problem.Travel;
        var size = travel.Size;
        if (travel.Time.Length != size || travel.Distance.Any(r => r.Length != size) || travel.Time.Any(r => r.Length != size))
            throw new ArgumentException("The distance and time matrices must both be square and of the same size.", nameof(problem));
        if (travel.Distance.Any(r => r.Any(d => d < 0)) || travel.Time.Any(r => r.Any(t => t < 0)))
            throw new ArgumentException("Distances and travel times must not be negative.", nameof(problem));
        if (problem.Depot.Location < 0 || problem.Depot.Location >= size)
            throw new ArgumentException($"The depot's location {problem.Depot.Location} is outside the {size}x{size} matrix.", nameof(problem));
        if (problem.Depot.Ready > problem.Depot.Due)
            throw new ArgumentException("The depot's window ends before it starts.", nameof(problem));
        if (problem.Fleet.Vehicles < 0 || problem.Fleet.CapacityKg < 0)
            throw new ArgumentException("The fleet's vehicle count and capacity must not be negative.", nameof(problem));

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stop in problem.Stops)
        {
            if (!ids.Add(stop.Id))
                throw new ArgumentException($"Stop id '{stop.Id}' appears more than once.", nameof(problem));
            if (stop.Location < 0 || stop.Location >= size)
                throw new ArgumentException($"Stop '{stop.Id}' has location {stop.Location}, outside the {size}x{size} matrix.", nameof(problem));
            if (stop.DemandKg < 0 || stop.ServiceTime < 0 || stop.Release < 0)
                throw new ArgumentException($"Stop '{stop.Id}' has a negative demand, service time or release.", nameof(problem));
        }
    }
}
