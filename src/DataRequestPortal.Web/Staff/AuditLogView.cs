using System.Globalization;
using DataRequestPortal.Core.Audit;
using DataRequestPortal.Web.Components.Shared;

namespace DataRequestPortal.Web.Staff;

/// <summary>The audit log's filters as they appear in its address and in the CSV export's address.</summary>
public static class AuditLogView
{
    public static AuditFilter Parse(string? from, string? to, string? action, string? actor, string? request, string? q, List<string>? ignored = null)
    {
        DateOnly? Date(string name, string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (AddressQuery.TryDate(text, out var date))
            {
                return date;
            }

            ignored?.Add($"{name}={text}");
            return null;
        }

        AuditAction? parsedAction = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (Enum.TryParse<AuditAction>(action.Trim(), true, out var a) && Enum.IsDefined(a))
            {
                parsedAction = a;
            }
            else
            {
                ignored?.Add($"action={action}");
            }
        }

        long? requestId = null;
        if (!string.IsNullOrWhiteSpace(request))
        {
            if (long.TryParse(request.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                requestId = id;
            }
            else
            {
                ignored?.Add($"request={request}");
            }
        }

        return new AuditFilter(Date("from", from), Date("to", to), parsedAction, Blank(actor), requestId, Blank(q));
    }

    public static string Query(AuditFilter filter) => AddressQuery.Build(
        ("from", AddressQuery.Date(filter.From)),
        ("to", AddressQuery.Date(filter.To)),
        ("action", filter.Action?.ToString()),
        ("actor", filter.Actor),
        ("request", filter.RequestId?.ToString(CultureInfo.InvariantCulture)),
        ("q", filter.Text));

    public static string Label(AuditAction action) => action switch
    {
        AuditAction.SignedIn => "Signed in",
        AuditAction.SignInFailed => "Sign-in failed",
        AuditAction.LockedOut => "Locked out",
        AuditAction.SignedOut => "Signed out",
        AuditAction.RequestFiled => "Request filed",
        AuditAction.StateChanged => "State changed",
        AuditAction.DueDateExtended => "Due date extended",
        AuditAction.CollectionResumed => "Collection resumed",
        AuditAction.ResultDownloaded => "Result downloaded",
        AuditAction.TokenCreated => "API token created",
        AuditAction.TokenRevoked => "API token revoked",
        AuditAction.AccountCreated => "Account created",
        AuditAction.AccountRoleChanged => "Role changed",
        AuditAction.AccountDisabled => "Account disabled",
        AuditAction.AccountEnabled => "Account enabled",
        AuditAction.PasswordReset => "Password reset",
        AuditAction.SourceTested => "Source tested",
        AuditAction.DigestSent => "Daily digest sent",
        _ => action.ToString(),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
