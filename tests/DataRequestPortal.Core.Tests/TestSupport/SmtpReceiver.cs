using System.Net;
using System.Net.Sockets;
using System.Text;

namespace DataRequestPortal.Core.Tests.TestSupport;

/// <summary>
/// A mail server on loopback that speaks just enough SMTP for one client at a time, keeps each accepted message,
/// and can refuse recipients the way a real server does.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly Task serving;

    private SmtpReceiver(string? refuseRecipientsWith)
    {
        RefuseRecipientsWith = refuseRecipientsWith;
        listener.Start();
        serving = ServeAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>The reply to every RCPT TO, such as <c>550 5.1.1 no such user</c>; null accepts them.</summary>
    public string? RefuseRecipientsWith { get; set; }

    /// <summary>The raw messages accepted, as sent after DATA.</summary>
    public List<byte[]> Messages { get; } = [];

    public static SmtpReceiver Start(string? refuseRecipientsWith = null) => new(refuseRecipientsWith);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            using var client = await listener.AcceptTcpClientAsync(stopping.Token);
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ESMTP");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var command = line.Split(' ', 2)[0].ToUpperInvariant();
                if (command == "QUIT")
                {
                    await writer.WriteLineAsync("221 bye");
                    break;
                }

                await writer.WriteLineAsync(command switch
                {
                    "EHLO" or "HELO" => "250 localhost",
                    "RCPT" when RefuseRecipientsWith is not null => RefuseRecipientsWith,
                    "DATA" => "354 end with .",
                    "MAIL" or "RCPT" or "RSET" or "NOOP" => "250 ok",
                    _ => "502 not implemented",
                });
                if (command == "DATA")
                {
                    var message = new StringBuilder();
                    while (await reader.ReadLineAsync(stopping.Token) is { } data && data != ".")
                    {
                        message.Append(data.StartsWith("..", StringComparison.Ordinal) ? data[1..] : data).Append("\r\n");
                    }

                    Messages.Add(Encoding.Latin1.GetBytes(message.ToString()));
                    await writer.WriteLineAsync("250 queued");
                }
            }
        }
    }
}
