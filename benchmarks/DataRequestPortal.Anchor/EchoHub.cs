using Microsoft.AspNetCore.SignalR;

namespace DataRequestPortal.Anchor;

/// <summary>Answers with what it was sent: one SignalR round trip and nothing else.</summary>
public sealed class EchoHub : Hub
{
    public const string Path = "/hubs/echo";

    public string Echo(string message) => message;
}
