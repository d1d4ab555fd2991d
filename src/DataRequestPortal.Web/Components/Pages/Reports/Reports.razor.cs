using System.Globalization;
using DataRequestPortal.Core.Dashboard;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;
using DataRequestPortal.Web.Staff;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DataRequestPortal.Web.Components.Pages.Reports;

/// <summary>The compliance report for a chosen period, regime and channel; the choice lives in the address so it can be bookmarked or exported.</summary>
public partial class Reports
{
    private readonly BarChartOptions chartOptions = new() { ChartPalette = ["#4a86c5", "#4caf50", "#e53935"], YAxisTicks = 1, MaxNumYAxisTicks = 6 };
    private ReportFilter filter = new(ReportPeriod.Year(2000));
    private ComplianceReportResult? report;
    private string? error;

    [Inject]
    private ComplianceReport Figures { get; set; } = default!;

    [Inject]
    private ComplianceClock Clock { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "year")]
    public string? Year { get; set; }

    [SupplyParameterFromQuery(Name = "quarter")]
    public string? QuarterParameter { get; set; }

    [SupplyParameterFromQuery(Name = "month")]
    public string? Month { get; set; }

    [SupplyParameterFromQuery(Name = "regime")]
    public string? Regime { get; set; }

    [SupplyParameterFromQuery(Name = "channel")]
    public string? Channel { get; set; }

    private string Kind => (filter.Period.Last.Month - filter.Period.First.Month) switch
    {
        0 => "month",
        2 => "quarter",
        _ => "year",
    };

    private int Quarter => ((filter.Period.First.Month - 1) / 3) + 1;

    private IEnumerable<int> Years => Enumerable.Range(0, 6).Select(i => Clock.Today.Year - i).Append(filter.Period.First.Year).Distinct().OrderDescending();

    private string Heading
    {
        get
        {
            var what = string.Join(", ", new[] { filter.Regime is { } r ? PortalFormat.Regime(r) : null, filter.Channel is { } c ? PortalFormat.Channel(c) : null }.OfType<string>());
            return what.Length == 0 ? filter.Period.Label : $"{filter.Period.Label} · {what}";
        }
    }

    private List<ChartSeries<double>> Series =>
    [
        new() { Name = "Received", Data = new ChartData<double>([.. report!.Months.Select(m => (double)m.Figures.Received)]) },
        new() { Name = "Completed", Data = new ChartData<double>([.. report.Months.Select(m => (double)m.Figures.CompletedInWhole)]) },
        new() { Name = "Completed late", Data = new ChartData<double>([.. report.Months.Select(m => (double)m.Figures.CompletedLate)]) },
    ];

    private string[] MonthLabels => [.. report!.Months.Select(m => m.Month.ToString("MMM", CultureInfo.InvariantCulture))];

    protected override async Task OnParametersSetAsync()
    {
        if (!ReportsView.TryParse(Year, QuarterParameter, Month, Regime, Channel, Clock.Today, out filter, out error))
        {
            filter = new ReportFilter(ReportPeriod.Year(Clock.Today.Year));
        }

        report = await Figures.ComputeAsync(filter);
    }

    private static IEnumerable<(string Label, string Value, string Id)> FigureRows(ComplianceFigures f) =>
    [
        ("Received", Count(f.Received), "received"),
        ("Completed in whole", Count(f.CompletedInWhole), "completed"),
        ("Completed late", Count(f.CompletedLate), "late"),
        ("Denied", Count(f.Denied), "denied"),
        ("Cancelled", Count(f.Cancelled), "cancelled"),
        ("Extended", Count(f.Extended), "extended"),
        ("Paused for the subject", Count(f.Paused), "paused"),
        ("Still open", Count(f.StillOpen), "open"),
        ("Median days to respond", Days(f.MedianDaysToRespond), "median"),
        ("Mean days to respond", Days(f.MeanDaysToRespond), "mean"),
        ("Completed on time", Share(f.ShareOnTime), "on-time"),
    ];

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Days(double? value) => value?.ToString("0.#", CultureInfo.InvariantCulture) ?? "—";

    private static string Share(double? value) => value?.ToString("0%", CultureInfo.InvariantCulture) ?? "—";

    private static string MonthName(int month) => CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(month);

    private void KindChanged(string kind)
    {
        var year = filter.Period.First.Year;
        var month = year == Clock.Today.Year ? Clock.Today.Month : 1;
        Show(filter with
        {
            Period = kind switch
            {
                "month" => ReportPeriod.Month(year, month),
                "quarter" => ReportPeriod.Quarter(year, ((month - 1) / 3) + 1),
                _ => ReportPeriod.Year(year),
            },
        });
    }

    private void YearChanged(int year) => Show(filter with
    {
        Period = Kind switch
        {
            "month" => ReportPeriod.Month(year, filter.Period.First.Month),
            "quarter" => ReportPeriod.Quarter(year, Quarter),
            _ => ReportPeriod.Year(year),
        },
    });

    private void Show(ReportFilter next) => Navigation.NavigateTo($"reports{ReportsView.Query(next)}");
}
