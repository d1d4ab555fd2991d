using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using DataRequestPortal.Core.Api;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Web.Api;

/// <summary>
/// API calls authenticate with an access token, from <c>Authorization: Bearer</c> or the <c>access_token</c> query
/// parameter. Refusals are 401 with <c>WWW-Authenticate: Bearer</c> and a JSON error. Staff cookies play no part.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string SchemeName = "ApiToken";

    /// <summary>The authorization policy every API call requires.</summary>
    public const string Policy = "ApiClient";

    public const string TokenRequired = "An access token is required: send it as 'Authorization: Bearer <token>' or as the access_token query parameter.";

    public const string TokenInvalid = "The access token is not valid.";

    public const string TokenRevoked = "The access token has been revoked.";

    private static readonly object HashKey = new();

    /// <summary>The token the caller presents, if any; the header wins over the query string.</summary>
    public static string? PresentedToken(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return token.Length > 0 ? token : null;
        }

        var query = request.Query["access_token"].ToString().Trim();
        return query.Length > 0 ? query : null;
    }

    /// <summary>
    /// The SHA-256 of the token the caller presents (see <see cref="ApiToken.HashOf"/>), or null; worked out once per
    /// call, since the rate limits and the authentication both need it.
    /// </summary>
    public static string? PresentedTokenHash(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Items.TryGetValue(HashKey, out var known))
        {
            return (string?)known;
        }

        var hash = PresentedToken(context.Request) is { } token ? ApiToken.HashOf(token) : null;
        context.Items[HashKey] = hash;
        return hash;
    }

    /// <summary>The client behind an authenticated API call.</summary>
    public static ApiClient ClientOf(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier)!, CultureInfo.InvariantCulture), user.FindFirstValue(ClaimTypes.Name)!);
    }
}

public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokens tokens,
    RecentlyAuthenticatedTokens recent) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (ApiTokenAuthentication.PresentedTokenHash(Context) is not { } hash)
        {
            return AuthenticateResult.NoResult();
        }

        // A token revoked in this process is refused at once, one revoked by another within ApiTokens.RecheckAfter.
        var check = await tokens.CheckHashAsync(hash, Context.RequestAborted);
        if (check is not { Status: ApiTokenStatus.Active, Client: { } client })
        {
            recent.Refused(hash);
            return AuthenticateResult.Fail(check.Status == ApiTokenStatus.Revoked ? ApiTokenAuthentication.TokenRevoked : ApiTokenAuthentication.TokenInvalid);
        }

        recent.Authenticated(hash);
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, client.TokenId.ToString(CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, client.Name),
            ],
            ApiTokenAuthentication.SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenAuthentication.SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.Headers.WWWAuthenticate = "Bearer";
        var message = result.Failure?.Message ?? ApiTokenAuthentication.TokenRequired;
        var code = message switch
        {
            ApiTokenAuthentication.TokenRevoked => ApiErrorCode.TokenRevoked,
            ApiTokenAuthentication.TokenInvalid => ApiErrorCode.InvalidToken,
            _ => ApiErrorCode.TokenRequired,
        };
        await ApiJson.WriteErrorAsync(Context, StatusCodes.Status401Unauthorized, code, message);
    }
}
