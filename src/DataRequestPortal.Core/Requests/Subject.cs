using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DataRequestPortal.Core.Requests;

/// <summary>
/// The person a request is about, named by an email address or a numeric (sub)profile id.
/// Only <see cref="TryCreate"/> makes one, so every subject in the system is valid and canonical.
/// </summary>
public sealed record Subject
{
    public const int MaxEmailLength = EmailAddresses.MaxLength;

    private Subject(SubjectType type, string identifier)
    {
        Type = type;
        Identifier = identifier;
    }

    public SubjectType Type { get; }

    /// <summary>The canonical identifier: an address in <see cref="EmailAddresses"/>' canonical form, or a profile id without sign or leading zeros.</summary>
    public string Identifier { get; }

    public static Subject Create(SubjectType type, string? identifier) =>
        TryCreate(type, identifier, out var subject, out var error)
            ? subject
            : throw new ArgumentException(error, nameof(identifier));

    public static bool TryCreate(
        SubjectType type,
        string? identifier,
        [NotNullWhen(true)] out Subject? subject,
        [NotNullWhen(false)] out string? error)
    {
        subject = null;
        var value = identifier?.Trim() ?? "";
        if (value.Length == 0)
        {
            error = type == SubjectType.Email ? "Enter an email address." : $"Enter a {type.ToWireName()} id.";
            return false;
        }

        if (type == SubjectType.Email)
        {
            if (!EmailAddresses.TryCanonicalize(value, out var address, out error))
            {
                return false;
            }

            subject = new Subject(type, address);
            return true;
        }

        if (!value.All(char.IsAsciiDigit)
            || !long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || id <= 0)
        {
            error = $"A {type.ToWireName()} id is a positive whole number; '{Shorten(value)}' is not.";
            return false;
        }

        subject = new Subject(type, id.ToString(CultureInfo.InvariantCulture));
        error = null;
        return true;
    }

    public override string ToString() => $"{Type.ToWireName()} {Identifier}";

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..57] + "...";
}
