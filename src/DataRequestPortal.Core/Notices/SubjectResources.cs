using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Notices;

/// <summary>
/// The resources every word a data subject reads comes from: <c>SubjectResources.resx</c> (English, the neutral
/// language) and one <c>SubjectResources.{language}.resx</c> per translation beside it. Looked up in the current UI
/// culture: the request's on the subject's pages, the stored request language in emails and reports.
/// </summary>
public sealed class SubjectResources
{
    private SubjectResources()
    {
    }

    /// <summary>The localizer over these resources, for code without dependency injection (static texts, reports).</summary>
    public static IStringLocalizer Localizer { get; } =
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)
            .Create(typeof(SubjectResources));

    /// <summary>The text of <paramref name="key"/> in <paramref name="culture"/>, without touching the thread's culture.</summary>
    public static string In(CultureInfo culture, string key)
    {
        using (SubjectLanguages.Use(culture))
        {
            return Localizer[key];
        }
    }
}
