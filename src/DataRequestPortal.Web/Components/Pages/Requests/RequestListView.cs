using System.Globalization;
using DataRequestPortal.Core.Requests;
using DataRequestPortal.Web.Components.Shared;

namespace DataRequestPortal.Web.Components.Pages.Requests;

/// <summary>
/// The requests list's filters, sort and page as they appear in its URL, so a view can be bookmarked and shared.
/// Values the list cannot read are left out and named in <see cref="Ignored"/>, never guessed.
/// </summary>
public sealed record RequestListView
{
    public static readonly int[] PageSizes = [10, 25, 50, 100];

    public string? Search { get; init; }

    public IReadOnlyList<RequestState> States { get; init; } = [];

    public RequestChannel? Channel { get; init; }

    public SubjectType? SubjectType { get; init; }

    public DateOnly? DueFrom { get; init; }

    public DateOnly? DueTo { get; init; }

    public bool Overdue { get; init; }

    /// <summary>Only requests the viewer filed or acted on.</summary>
    public bool Mine { get; init; }

    public RequestSort Sort { get; init; } = RequestSort.Received;

    public bool Descending { get; init; } = true;

    /// <summary>From 1.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 25;

    public IReadOnlyList<string> Ignored { get; init; } = [];

    public bool IsFiltered => !string.IsNullOrWhiteSpace(Search) || States.Count > 0 || Channel is not null || SubjectType is not null
        || DueFrom is not null || DueTo is not null || Overdue || Mine;

    public static RequestListView Parse(
        string? q, string? state, string? channel, string? type, string? dueFrom, string? dueTo,
        string? overdue, string? mine, string? sort, string? dir, string? page, string? size)
    {
        var ignored = new List<string>();
        T? Read<T>(string name, string? text, Func<string, (bool, T)> parse)
            where T : struct
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var (ok, value) = parse(text.Trim());
            if (!ok)
            {
                ignored.Add($"{name}={text}");
                return null;
            }

            return value;
        }

        var states = new List<RequestState>();
        foreach (var part in (state ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<RequestState>(part, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !states.Contains(parsed))
            {
                states.Add(parsed);
            }
            else
            {
                ignored.Add($"state={part}");
            }
        }

        var view = new RequestListView
        {
            Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            States = states,
            Channel = Read("channel", channel, t => (TryChannel(t, out var c), c)),
            SubjectType = Read("type", type, t => (SubjectTypeNames.TryParse(t, out var s), s)),
            DueFrom = Read("dueFrom", dueFrom, t => (AddressQuery.TryDate(t, out var d), d)),
            DueTo = Read("dueTo", dueTo, t => (AddressQuery.TryDate(t, out var d), d)),
            Overdue = Read("overdue", overdue, t => (bool.TryParse(t, out var b), b)) ?? false,
            Mine = Read("mine", mine, t => (bool.TryParse(t, out var b), b)) ?? false,
            Sort = Read("sort", sort, t => (Enum.TryParse<RequestSort>(t, true, out var s) && Enum.IsDefined(s), s)) ?? RequestSort.Received,
            Descending = Read("dir", dir, t => (t is "asc" or "desc", t == "desc")) ?? true,
            Page = Read("page", page, t => (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p >= 1, p)) ?? 1,
            PageSize = Read("size", size, t => (int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && PageSizes.Contains(p), p)) ?? 25,
        };
        return view with { Ignored = ignored };
    }

    /// <summary>The list's address for this view; only what differs from the plain list is in it.</summary>
    public string ToUrl() => "/requests" + AddressQuery.Build(
        ("q", Search),
        ("state", States.Count > 0 ? string.Join(',', States) : null),
        ("channel", Channel?.ToString().ToLowerInvariant()),
        ("type", SubjectType?.ToWireName()),
        ("dueFrom", AddressQuery.Date(DueFrom)),
        ("dueTo", AddressQuery.Date(DueTo)),
        ("overdue", Overdue ? "true" : null),
        ("mine", Mine ? "true" : null),
        ("sort", Sort != RequestSort.Received ? Sort.ToString().ToLowerInvariant() : null),
        ("dir", Descending ? null : "asc"),
        ("page", Page > 1 ? Page.ToString(CultureInfo.InvariantCulture) : null),
        ("size", PageSize != 25 ? PageSize.ToString(CultureInfo.InvariantCulture) : null));

    /// <summary>The same filters from the first page, as after any change of filter.</summary>
    public RequestListView Refiltered() => this with { Page = 1, Ignored = [] };

    public RequestQuery ToQuery(string viewer) => new()
    {
        Search = Search,
        States = States,
        Channel = Channel,
        SubjectType = SubjectType,
        DueFrom = DueFrom,
        DueTo = DueTo,
        Overdue = Overdue,
        InvolvingActor = Mine ? viewer : null,
        Sort = Sort,
        Descending = Descending,
        Skip = (Page - 1) * PageSize,
        Take = PageSize,
    };

    /// <summary>The view that shows what <paramref name="query"/> asks for (the home page's links).</summary>
    public static RequestListView Of(RequestQuery query) => new()
    {
        States = [.. query.States],
        DueFrom = query.DueFrom,
        DueTo = query.DueTo,
        Overdue = query.Overdue,
        Mine = query.InvolvingActor is not null,
        Sort = query.Sort,
        Descending = query.Descending,
    };

    private static bool TryChannel(string text, out RequestChannel channel) =>
        Enum.TryParse(text, ignoreCase: true, out channel) && Enum.IsDefined(channel);
}
