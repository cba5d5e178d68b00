using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SupplyMatch.Core.Matching;

namespace SupplyMatch.Benchmarks;

/// <summary>Few iterations (each GBA-week solve takes about a second) plus objective and cost-excess columns.</summary>
public sealed class MatchingConfig : ManualConfig
{
    public MatchingConfig()
    {
        AddJob(Job.Default.WithWarmupCount(1).WithIterationCount(5).WithLaunchCount(1));
        AddColumn(
            new ResultColumn("Objective (CNY)", "Objective of the allocation (landed - bonus + unmet penalties), CNY", 0, r => r.ObjectiveCny.ToString("N0", CultureInfo.InvariantCulture)),
            new ResultColumn("Cost vs optimum", "Objective excess over the flow optimum, %", 1, null),
            new ResultColumn("Fill (kg)", "Allocated kg / demanded kg", 2, r => r.Kpis.FillRateKg.ToString("P2", CultureInfo.InvariantCulture)),
            new ResultColumn("Landed CNY/kg", "Landed cost per allocated kg", 3, r => r.Kpis.LandedCnyPerKg.ToString("0.0000", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// A figure of the case's result, recomputed in the host process (solves are deterministic); a null
    /// <c>format</c> means the objective's excess over the flow optimum.
    /// </summary>
    private sealed class ResultColumn(string name, string legend, int priority, Func<MatchingResult, string>? format) : IColumn
    {
        private static readonly ConcurrentDictionary<(string, string), MatchingResult?> Results = new();

        public string Id => name;

        public string ColumnName => name;

        public bool AlwaysShow => true;

        public ColumnCategory Category => ColumnCategory.Custom;

        public int PriorityInCategory => priority;

        public bool IsNumeric => true;

        public UnitType UnitType => UnitType.Dimensionless;

        public string Legend => legend;

        public bool IsAvailable(Summary summary) => true;

        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var method = benchmarkCase.Descriptor.WorkloadMethodDisplayInfo.Trim('\'');
            var size = (string)benchmarkCase.Parameters["Size"];
            var result = Result(method, size);
            if (result is null)
            {
                return "-";
            }

            if (format is not null)
            {
                return format(result);
            }

            var optimum = Result("flow", size)!.ObjectiveCny;
            return (100m * (result.ObjectiveCny - optimum) / optimum).ToString("+0.000;-0.000;0.000", CultureInfo.InvariantCulture) + " %";
        }

        private static MatchingResult? Result(string method, string size) =>
            Results.GetOrAdd((method, size), key => MatchingRuns.Run(key.Item1, key.Item2));
    }
}
