using Microsoft.Extensions.Configuration;

namespace DataRequestPortal.Core;

/// <summary>
/// What one portal process does (<c>Portal:Roles</c>): serve people and API clients (<see cref="Web"/>: pages, the API,
/// downloads, the live-update hub), do the background work (<see cref="Worker"/>: collection, report preparation and
/// delivery, the daily digest, the sweepers), or both.
/// </summary>
public sealed record ProcessRoles(bool Web, bool Worker)
{
    public const string Key = "Portal:Roles";

    public static readonly ProcessRoles Both = new(Web: true, Worker: true);

    /// <summary>
    /// <c>web</c>, <c>worker</c> or both (<c>web,worker</c>, the default when empty). Any other word stops the start, so a
    /// typo never leaves a process that quietly does nothing.
    /// </summary>
    public static ProcessRoles From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[Key];
        if (string.IsNullOrWhiteSpace(value))
        {
            return Both;
        }

        var (web, worker) = (false, false);
        foreach (var word in value.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (word.ToLowerInvariant())
            {
                case "web":
                    web = true;
                    break;
                case "worker":
                    worker = true;
                    break;
                default:
                    throw new InvalidOperationException(
                        $"{Key} is '{value}': '{word}' is not a role. Use 'web', 'worker' or 'web,worker' (both, the default): web serves pages and the API, worker does the background work.");
            }
        }

        return web || worker
            ? new ProcessRoles(web, worker)
            : throw new InvalidOperationException($"{Key} is '{value}', which names no role. Use 'web', 'worker' or 'web,worker'.");
    }

    public override string ToString() => (Web, Worker) switch
    {
        (true, true) => "web,worker",
        (true, false) => "web",
        _ => "worker",
    };
}
