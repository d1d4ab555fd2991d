namespace DataRequestPortal.RequestLoad;

public sealed class LoadOptions
{
    public required string Portal { get; set; }

    public int Requests { get; set; } = 1000;

    public int Clients { get; set; } = 8;

    /// <summary>Rounds of the filing scenario, each an anchor phase and a collecting phase; medians are reported.</summary>
    public int Rounds { get; set; } = 3;

    public int Records { get; set; } = 10000;

    public bool Profile { get; set; }

    /// <summary>Warm each portal up with one batch only, its background work not waited for: a portal just started.</summary>
    public bool Fresh { get; set; }

    /// <summary>A folder to write processor-time traces of the measured work into (dotnet-trace), or null.</summary>
    public string? Trace { get; set; }
}
