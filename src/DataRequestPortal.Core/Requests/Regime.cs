using System.Diagnostics.CodeAnalysis;

namespace DataRequestPortal.Core.Requests;

/// <summary>The law whose clock a request runs on: its period, its one extension, and when the subject must hear what.</summary>
public enum Regime
{
    /// <summary>The EU General Data Protection Regulation, Art. 12(3).</summary>
    Gdpr,

    /// <summary>The UK GDPR with the Data Protection Act 2018, as the ICO's right-of-access guidance applies it.</summary>
    UkGdpr,

    /// <summary>The California Consumer Privacy Act, Civ. Code §1798.130 and the CCPA Regulations (11 CCR §7021).</summary>
    Ccpa,
}

/// <summary>Why staff ask the subject before going on: the regimes differ on whether the clock stops.</summary>
public enum SubjectQuestion
{
    /// <summary>Information needed to be sure who the subject is (GDPR Art. 12(6)).</summary>
    Identity,

    /// <summary>Which information or processing the request is about (a large amount of data is held).</summary>
    Clarification,
}

public static class Regimes
{
    public static IReadOnlyList<Regime> All { get; } = [Regime.Gdpr, Regime.UkGdpr, Regime.Ccpa];

    /// <summary>The name settings, the API and reports use: <c>GDPR</c>, <c>UK-GDPR</c>, <c>CCPA</c>.</summary>
    public static string ToWireName(this Regime regime) => regime switch
    {
        Regime.Gdpr => "GDPR",
        Regime.UkGdpr => "UK-GDPR",
        Regime.Ccpa => "CCPA",
        _ => throw new ArgumentOutOfRangeException(nameof(regime), regime, null),
    };

    /// <summary>Reads a regime's name, ignoring case, spaces, hyphens and underscores (<c>uk gdpr</c>, <c>UK_GDPR</c>).</summary>
    public static bool TryParse(string? name, [NotNullWhen(true)] out Regime? regime)
    {
        var key = new string((name ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();
        regime = key switch
        {
            "GDPR" or "EUGDPR" => Regime.Gdpr,
            "UKGDPR" => Regime.UkGdpr,
            "CCPA" or "CPRA" => Regime.Ccpa,
            _ => null,
        };
        return regime is not null;
    }
}
