using System.Globalization;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace DataRequestPortal.Core.Email;

/// <summary>Sends the portal's email: as .eml files into the pickup folder, or through SMTP (<c>Email:Mode</c>).</summary>
public sealed class MailDispatch
{
    private readonly EmailOptions options;
    private readonly TimeProvider time;

    public MailDispatch(IOptions<EmailOptions> emailOptions, IOptions<OrganisationOptions> organisation, TimeProvider time, string contentRoot)
    {
        options = emailOptions.Value;
        this.time = time;
        PickupDirectory = Path.GetFullPath(options.PickupDirectory, contentRoot);
        Sender = new MailboxAddress(string.IsNullOrWhiteSpace(options.FromName) ? organisation.Value.Name : options.FromName, options.FromAddress);
    }

    public MailboxAddress Sender { get; }

    public string PickupDirectory { get; }

    public EmailMode Mode => options.Mode;

    /// <summary>Sends one message; SMTP and file system failures reach the caller, which decides whether to retry.</summary>
    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.From.Count == 0)
        {
            message.From.Add(Sender);
        }

        message.Date = time.GetUtcNow();
        if (options.Mode == EmailMode.Pickup)
        {
            await WriteToPickupAsync(message, cancellationToken);
            return;
        }

        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(options.Smtp.TimeoutSeconds).TotalMilliseconds };
        await client.ConnectAsync(options.Smtp.Host, options.Smtp.Port, options.Smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(options.Smtp.UserName))
        {
            await client.AuthenticateAsync(options.Smtp.UserName, options.Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }

    private async Task WriteToPickupAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        PrivateFiles.CreateFolder(PickupDirectory);
        var name = $"{time.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}";
        var partial = Path.Combine(PickupDirectory, name + ".tmp");

        // Written under another name and renamed, so a relay collecting .eml files never takes half a message.
        await using (var file = PrivateFiles.Create(partial, FileMode.CreateNew))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(partial, Path.Combine(PickupDirectory, name + ".eml"));
    }
}
