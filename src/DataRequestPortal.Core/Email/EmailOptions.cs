using MailKit.Security;

namespace DataRequestPortal.Core.Email;

public enum EmailMode
{
    /// <summary>Writes each message as an .eml file into <see cref="EmailOptions.PickupDirectory"/>, for development and for a relay that collects files.</summary>
    Pickup,

    /// <summary>Sends each message through the SMTP server in <see cref="EmailOptions.Smtp"/>.</summary>
    Smtp,
}

/// <summary>How the portal sends email (configuration section <c>Email</c>).</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    public EmailMode Mode { get; set; } = EmailMode.Pickup;

    /// <summary>The folder for .eml files in Pickup mode; relative paths are under the content root.</summary>
    public string PickupDirectory { get; set; } = "App_Data/mail";

    public string FromAddress { get; set; } = "portal@localhost";

    /// <summary>The sender's display name; empty means <c>Organisation:Name</c>.</summary>
    public string? FromName { get; set; }

    public SmtpSettings Smtp { get; set; } = new();
}

/// <summary>The SMTP server used in Smtp mode (configuration section <c>Email:Smtp</c>).</summary>
public sealed class SmtpSettings
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>Auto uses TLS on connect for port 465 and STARTTLS elsewhere when the server offers it; None for a local test relay.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;

    /// <summary>Signs in only when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public double TimeoutSeconds { get; set; } = 30;
}
