namespace SupplyMatch.Core.Routing;

/// <summary>
/// A Solomon (1987) VRPTW instance as read from its text file. Customer 0 is the depot; its due date is
/// the horizon. Travel time equals Euclidean distance; times are in the file's units.
/// </summary>
public sealed record SolomonInstance(string Name, int Vehicles, int Capacity, IReadOnlyList<SolomonCustomer> Customers)
{
    /// <summary>The depot (customer 0).</summary>
    public SolomonCustomer Depot => Customers[0];

    /// <summary>
    /// The instance as a routing problem. Distances and times are scaled by the rounding's scale
    /// (10 for <see cref="ArcRounding.Dimacs"/>, 1000 for <see cref="ArcRounding.None"/>), and so are
    /// the windows and service times, which are exact integers in the file.
    /// </summary>
    public RoutingProblem ToProblem(ArcRounding rounding, RoutingSettings settings)
    {
        var travel = TravelMatrix.Euclidean(Customers.Select(c => (c.X, c.Y)).ToList(), rounding);
        long scale = travel.TimeScale;
        var depot = new RoutingDepot(0, Depot.ReadyTime * scale, Depot.DueDate * scale);
        var stops = Customers.Skip(1)
            .Select((c, i) => new RoutingStop(
                c.Number.ToString(System.Globalization.CultureInfo.InvariantCulture), i + 1, c.Demand,
                c.ReadyTime * scale, c.DueDate * scale, c.ServiceTime * scale))
            .ToList();
        return new RoutingProblem(Name, depot, stops, new RoutingFleet(Vehicles, Capacity), travel, settings);
    }
}

/// <summary>One row of the CUSTOMER table.</summary>
public sealed record SolomonCustomer(int Number, double X, double Y, int Demand, long ReadyTime, long DueDate, long ServiceTime);

/// <summary>Where and why a Solomon file could not be read.</summary>
/// <param name="Line">1-based line number in the file (0 when the problem is the file as a whole).</param>
public sealed record SolomonError(int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Line > 0 ? $"line {Line}: {Message}" : Message;
}

/// <summary>Either an instance or the error that stopped the reader.</summary>
public sealed record SolomonReadResult(SolomonInstance? Instance, SolomonError? Error);
