using Google.OrTools.ConstraintSolver;
using Google.OrTools.Util;
using Google.Protobuf.WellKnownTypes;

namespace SupplyMatch.Core.Routing;

/// <summary>OR-Tools search parameters for <see cref="RoutingSettings"/>: first solution, improvement, limits.</summary>
internal static class SearchSetup
{
    /// <summary>How many different searches there are (<see cref="RoutingSettings.Workers"/> runs at most this many side by side).</summary>
    public const int Variants = 2;

    /// <summary>The parameters of one search; <paramref name="variant"/> 0 is the one the settings describe, 1 the portfolio's second.</summary>
    public static RoutingSearchParameters Parameters(RoutingSettings settings, int variant = 0)
    {
        var parameters = operations_research_constraint_solver.DefaultRoutingSearchParameters();
        parameters.FirstSolutionStrategy = settings.FirstSolution switch
        {
            FirstSolutionMethod.ParallelCheapestInsertion => FirstSolutionStrategy.Types.Value.ParallelCheapestInsertion,
            FirstSolutionMethod.LocalCheapestInsertion => FirstSolutionStrategy.Types.Value.LocalCheapestInsertion,
            FirstSolutionMethod.Savings => FirstSolutionStrategy.Types.Value.Savings,
            _ => FirstSolutionStrategy.Types.Value.PathCheapestArc,
        };
        parameters.LocalSearchMetaheuristic = settings.Improvement == ImprovementMethod.GuidedLocalSearch
            ? LocalSearchMetaheuristic.Types.Value.GuidedLocalSearch
            : LocalSearchMetaheuristic.Types.Value.GreedyDescent;
        if (settings.Improvement == ImprovementMethod.IteratedLocalSearch)
            UseRuinAndRecreate(parameters);
        parameters.TimeLimit = Duration.FromTimeSpan(settings.TimeLimit);
        if (settings.SolutionLimit is { } limit)
        {
            // Sub-searches of the large-neighbourhood operators stop on their own clock (0.1 s by default);
            // a generous one keeps a solution-limited search independent of machine load.
            parameters.SolutionLimit = limit;
            parameters.LnsTimeLimit = Duration.FromTimeSpan(TimeSpan.FromSeconds(10));
        }

        Vary(parameters, variant);
        return parameters;
    }

    /// <summary>
    /// The second search of a portfolio adds the cheapest-insertion large neighbourhoods around close nodes (remove a node
    /// and its nearest neighbours, re-insert them at their cheapest places) to the local search, and recreates a ruin in
    /// the stops' own order instead of a random one. On the 39 Solomon instances of R1, R2, RC1 and RC2 at 10 s, the best
    /// of this search and the first came out at 1.14 % mean gap, against 1.52 % and 1.57 % for each alone, and 1.29 % when
    /// both recreate in the stops' order (annealing from 100); second searches from Clarke-Wright savings, from local
    /// cheapest insertion or with the expensive-chain neighbourhoods made weaker pairs (bench/README.md, "Delivery routing").
    /// </summary>
    private static void Vary(RoutingSearchParameters parameters, int variant)
    {
        if (variant == 1)
        {
            parameters.LocalSearchOperators.UseGlobalCheapestInsertionCloseNodesLns = OptionalBoolean.BoolTrue;
            parameters.LocalSearchOperators.UseLocalCheapestInsertionCloseNodesLns = OptionalBoolean.BoolTrue;
            parameters.IteratedLocalSearchParameters.RuinRecreateParameters.RecreateStrategy = Recreate(
                LocalCheapestInsertionParameters.Types.InsertionSortingProperty.SortingPropertyAllowedVehicles,
                LocalCheapestInsertionParameters.Types.InsertionSortingProperty.SortingPropertyPenalty);
        }
    }

    /// <summary>
    /// Iterated local search: ruin part of the routes (slack induction by string removals, Christiaens and Vanden Berghe 2020), recreate by cheapest
    /// insertion, improve by local search; accept worse reference solutions by simulated annealing.
    /// </summary>
    /// <remarks>
    /// Tuned on Solomon C101, R101 and RC201 at 10 s (bench/README.md, "Delivery routing"): removing about 30 visits per ruin
    /// beat 5-20 and 40-50; the relocate-neighbours operator helped; Lin-Kernighan cost more time than it
    /// saved; the annealing temperatures (in objective units, 0.1 distance with DIMACS rounding) act as
    /// near-greedy acceptance: hotter schedules were worse, and starting at 30 rather than 100 gained about 0.2 points of
    /// gap for either search alone on the 39 instances of R1, R2, RC1 and RC2 at 10 s.
    /// </remarks>
    private static void UseRuinAndRecreate(RoutingSearchParameters parameters)
    {
        parameters.UseIteratedLocalSearch = true;
        parameters.LocalSearchOperators.UseRelocateNeighbors = OptionalBoolean.BoolTrue;
        parameters.LocalSearchOperators.UseLinKernighan = OptionalBoolean.BoolFalse;
        parameters.LocalSearchOperators.UseRelocateAndMakeActive = OptionalBoolean.BoolTrue;
        parameters.LocalSearchOperators.UseExchangeAndMakeActive = OptionalBoolean.BoolTrue;
        parameters.LocalSearchOperators.UseExtendedSwapActive = OptionalBoolean.BoolTrue;
        var ils = parameters.IteratedLocalSearchParameters;
        ils.PerturbationStrategy = PerturbationStrategy.Types.Value.RuinAndRecreate;
        ils.ImprovePerturbedSolution = true;
        ils.RuinRecreateParameters.RuinStrategies.Clear();
        ils.RuinRecreateParameters.RuinStrategies.Add(new RuinStrategy
        {
            Sisr = new SISRRuinStrategy { AvgNumRemovedVisits = 30, MaxRemovedSequenceSize = 10, BypassFactor = 0.01 },
        });
        // OR-Tools' default order (fewest allowed vehicles, then highest penalty) ties on every stop of a plain VRPTW and so
        // re-inserts in the stops' own order; a random order, as in the SISR paper, diversifies the recreated routes.
        ils.RuinRecreateParameters.RecreateStrategy = Recreate(LocalCheapestInsertionParameters.Types.InsertionSortingProperty.SortingPropertyRandom);
        ils.BestSolutionAcceptanceStrategy = new AcceptanceStrategy { GreedyDescent = new GreedyDescentAcceptanceStrategy() };
        ils.ReferenceSolutionAcceptanceStrategy = new AcceptanceStrategy
        {
            SimulatedAnnealing = new SimulatedAnnealingAcceptanceStrategy
            {
                CoolingScheduleStrategy = CoolingScheduleStrategy.Types.Value.Exponential,
                InitialTemperature = 30,
                FinalTemperature = 0.01,
                AutomaticTemperatures = false,
            },
        };
    }

    /// <summary>Recreate by local cheapest insertion, taking the removed stops in the order the properties sort them.</summary>
    private static RecreateStrategy Recreate(params LocalCheapestInsertionParameters.Types.InsertionSortingProperty[] order)
    {
        var insertion = new LocalCheapestInsertionParameters();
        insertion.InsertionSortingProperties.Add(order);
        return new RecreateStrategy
        {
            Heuristic = FirstSolutionStrategy.Types.Value.LocalCheapestInsertion,
            Parameters = new RecreateParameters { LocalCheapestInsertion = insertion },
        };
    }
}
