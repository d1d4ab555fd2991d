using System.Text.Json.Nodes;
using DataRequestPortal.Core;
using DataRequestPortal.Core.Notices;
using DataRequestPortal.Core.Requests;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataRequestPortal.Web.Api;

/// <summary>The datarequest calls, as the OpenAPI document describes them.</summary>
public enum DataRequestCall
{
    FileForEmail,
    FileForEmailInPath,
    FileForProfile,
    FileForSubprofile,
    Status,
    Result,
    Data,
    Pdf,
    Withdraw,
}

/// <summary>
/// The OpenAPI document at <c>/openapi/v1.json</c>: every datarequest call with its parameters, both body formats,
/// the token schemes, and each answer with its JSON shape and an example. Kept apart from the endpoints so those stay
/// readable; <see cref="Describe"/> attaches a call's description to its endpoint.
/// </summary>
public static class DataRequestApiDocumentation
{
    public const string DocumentName = "v1";

    public const string DocumentPath = "/openapi/v1.json";

    public const string QueryTokenScheme = "access_token";

    public const string BearerScheme = "bearer";

    private const string FilingTag = "File a request";

    private const string FollowingTag = "Follow a request";

    private const string ExampleId = "7769039132682297";

    private const string FormContentType = "application/x-www-form-urlencoded";

    public static IServiceCollection AddDataRequestApiDocumentation(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            // Pages, sign-in and health are not part of the API.
            options.ShouldInclude = description => ApiCallRules.IsApiCall("/" + description.RelativePath);
            options.AddDocumentTransformer((document, context, _) =>
            {
                DescribeDocument(document);
                document.Servers = Servers(context.ApplicationServices.GetRequiredService<IOptions<PortalOptions>>().Value);
                return Task.CompletedTask;
            });
        });

    /// <summary>The document holds no data, so anyone may read it (the reference page at <c>/api-docs</c> shows it).</summary>
    public static IEndpointRouteBuilder MapDataRequestApiDocumentation(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        return endpoints;
    }

    public static RouteHandlerBuilder Describe(this RouteHandlerBuilder builder, DataRequestCall call)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var filing = call is DataRequestCall.FileForEmail or DataRequestCall.FileForEmailInPath or DataRequestCall.FileForProfile or DataRequestCall.FileForSubprofile;
        builder
            .WithSummary(Summary(call))
            .WithDescription(Description(call))
            .WithTags(filing ? FilingTag : FollowingTag)
            .Produces<ApiError>(StatusCodes.Status400BadRequest, ApiJson.ContentType);

        // A refused filing is always 400 (see ApiCallRules.RefusalIsBadRequest); the other calls keep their status codes.
        if (!filing)
        {
            builder
                .Produces<ApiError>(StatusCodes.Status401Unauthorized, ApiJson.ContentType)
                .Produces<ApiError>(StatusCodes.Status429TooManyRequests, ApiJson.ContentType);
        }

        if (!filing && call != DataRequestCall.Status)
        {
            builder.Produces<ApiError>(StatusCodes.Status404NotFound, ApiJson.ContentType);
        }

        if (call is DataRequestCall.Result or DataRequestCall.Data or DataRequestCall.Pdf)
        {
            builder
                .Produces(StatusCodes.Status200OK, contentType: call == DataRequestCall.Pdf ? Core.Export.PdfReports.ContentType : ApiJson.ContentType)
                .Produces<ApiError>(StatusCodes.Status410Gone, ApiJson.ContentType);
        }

        return builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            DescribeOperation(operation, call, context.Description.RelativePath ?? "");
            return Task.CompletedTask;
        });
    }

    private static string Summary(DataRequestCall call) => call switch
    {
        DataRequestCall.FileForEmail => "File a request for an email address",
        DataRequestCall.FileForEmailInPath => "File a request for an email address in the path",
        DataRequestCall.FileForProfile => "File a request for a profile",
        DataRequestCall.FileForSubprofile => "File a request for a subprofile",
        DataRequestCall.Status => "Get the status of a request",
        DataRequestCall.Result => "Get the result document, or a placeholder while there is none",
        DataRequestCall.Data => "Get the result document; 404 while there is none",
        DataRequestCall.Pdf => "Get the result as a readable PDF report; 404 while there is none",
        DataRequestCall.Withdraw => "Cancel a request, or delete its result now",
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    private static string Description(DataRequestCall call) => call switch
    {
        DataRequestCall.FileForEmail =>
            "Starts collecting everything held about `email`. Parameters come in a JSON object, a form body or the query string; " + Filing,
        DataRequestCall.FileForEmailInPath or DataRequestCall.FileForProfile or DataRequestCall.FileForSubprofile =>
            "Starts collecting everything held about the subject in the path. `report` comes in a JSON object, a form body or the query string; " + Filing,
        DataRequestCall.Status =>
            "`status` is `pending` while the request is queued, collecting, waiting for the subject's answer (`paused` is then true, with `pausedSince`), " +
            "or failed and waiting for staff; `available` once the result is there " +
            "(`available` is then its size in bytes); `not available` when it was cancelled, denied or has expired. The status stays after expiry, " +
            "with the SHA-256 of what was delivered. For an id this token has no request with (another token's, or none at all) the answer is " +
            "`200` with only `{\"status\": \"not available\", \"available\": 0, \"content-type\": \"application/json\"}`, the same in both cases.",
        DataRequestCall.Result =>
            "The result document: `info` names the subject, `data` holds one array of records per source. While it is not ready, the same `info` " +
            "with `\"data\": \"Data not available (yet).\"`. `410` once the result has expired or was deleted.",
        DataRequestCall.Data => "The result document only: `404` until it is ready, `410` once it has expired or was deleted.",
        DataRequestCall.Pdf =>
            "The result as a PDF report for people and records (`Content-Type: application/pdf`): the request, the SHA-256 of the JSON result, " +
            "the GDPR Art. 15(1) information per source, and every record as a table. `404` until the result is ready, `410` once it has " +
            "expired or was deleted; errors are JSON as for every call. Every download is recorded in the portal's audit log.",
        DataRequestCall.Withdraw => "Cancels a pending request, or deletes a finished result now, and answers with the status afterwards.",
        _ => throw new ArgumentOutOfRangeException(nameof(call)),
    };

    private static readonly string Filing =
        "a body value wins over the query. `201` with the new id in the body, `X-Created` and `Location`. When this token already has an open " +
        "request for the subject, nothing new is filed: `200` with that request's id and `\"duplicate\": true`, and the call's report target is " +
        $"added to that request (each target is reported to once; at most {DataRequest.MaxReportTargets}). Every refusal of a filing is `400`, " +
        "because Copernica's PHP class recognises only a 400 as failure; `error.code` gives the reason, with `WWW-Authenticate` or `Retry-After` " +
        "as the reason calls for.";

    /// <summary>
    /// The portal's configured address (<c>Portal:PublicUrl</c>), or no servers at all, so readers use the document's own
    /// address; never the request's Host header, which a caller controls.
    /// </summary>
    private static List<OpenApiServer>? Servers(PortalOptions portal) =>
        portal.PublicUrl is { IsAbsoluteUri: true } url ? [new OpenApiServer { Url = url.AbsoluteUri.TrimEnd('/') }] : null;

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "DataRequestPortal API",
            Version = "v1",
            Description =
                "Data-subject access requests in the SMTPeter/Copernica \"datarequest\" dialect. Every answer, errors included, has " +
                "`Content-Type: application/json` (no charset) and `Cache-Control: no-store`; errors are " +
                "`{\"error\": {\"message\": \"...\", \"code\": \"...\"}}`, with `parameter` when one is to blame. A refused POST or PUT is " +
                "always `400` (the reason is in `error.code`); other calls answer `401`, `404`, `405`, `410` or `429` as the reason is. " +
                "A path that is no API call is `404` for every method. Outside development, plain-HTTP calls get `400`. A token sees only " +
                "the requests it filed; every other id is `404` (the status call answers `\"status\": \"not available\"`).",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
        {
            [QueryTokenScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Query,
                Name = "access_token",
                Description = "The token as the `access_token` query parameter.",
            },
            [BearerScheme] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The token as `Authorization: Bearer <token>`; it wins over the query parameter.",
            },
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(QueryTokenScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
        ];
    }

    private static void DescribeOperation(OpenApiOperation operation, DataRequestCall call, string path)
    {
        operation.Parameters ??= [];
        operation.Responses ??= [];

        // As the endpoints answer: each version's filings point to the same version.
        var location = $"/{path.Split('/')[0]}/datarequest/{ExampleId}";
        switch (call)
        {
            case DataRequestCall.FileForEmail:
                DescribeFiling(operation, location, "monitor", subject: null);
                break;
            case DataRequestCall.FileForEmailInPath:
                DescribeFiling(operation, location, "report", PathParameter("email", "The subject's email address.", "jane@example.com"));
                break;
            case DataRequestCall.FileForProfile:
                DescribeFiling(operation, location, "report", PathParameter("id", "The profile's id: a positive whole number.", "42"));
                break;
            case DataRequestCall.FileForSubprofile:
                DescribeFiling(operation, location, "report", PathParameter("id", "The subprofile's id: a positive whole number.", "42"));
                break;
            case DataRequestCall.Status:
            case DataRequestCall.Withdraw:
                SetPathParameter(operation, RequestIdParameter());
                operation.Responses["200"] = call == DataRequestCall.Status
                    ? Json(
                        "The status; for an id this token has no request with, only the three members of `unknown id`.",
                        new OpenApiSchema { OneOf = [Reference(nameof(DataRequestStatus)), Reference(nameof(UnknownRequestStatus))] },
                        StatusExamples())
                    : Json("The status after cancelling or deleting.", Reference(nameof(DataRequestStatus)), new() { ["withdrawn"] = Example("After a DELETE", Status("not available", 0, "expired")) });
                break;
            case DataRequestCall.Result:
                SetPathParameter(operation, RequestIdParameter());
                operation.Responses["200"] = Json("The result document, or the placeholder while there is none.", ResultSchema(placeholder: true), new()
                {
                    ["available"] = Example("The result", ResultExample()),
                    ["not available"] = Example("While collecting", Node($$"""{"info":{"type":"email","id":"jane@example.com"},"data":"Data not available (yet).","status":"pending","state":"collecting"}""")),
                });
                break;
            case DataRequestCall.Pdf:
                SetPathParameter(operation, RequestIdParameter());
                operation.Responses["200"] = new OpenApiResponse
                {
                    Description = "The PDF report.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        [Core.Export.PdfReports.ContentType] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                    },
                };
                break;
            case DataRequestCall.Data:
                SetPathParameter(operation, RequestIdParameter());
                operation.Responses["200"] = Json("The result document.", ResultSchema(placeholder: false), new() { ["available"] = Example("The result", ResultExample()) });
                break;
        }

        var filing = operation.Responses.ContainsKey("201");
        var badInput = call switch
        {
            DataRequestCall.FileForProfile or DataRequestCall.FileForSubprofile => ErrorBody("Parameter 'id': A profile id is a positive whole number; 'abc' is not.", ApiErrorCode.InvalidParameter, "id"),
            DataRequestCall.FileForEmail or DataRequestCall.FileForEmailInPath => ErrorBody("Parameter 'email': 'jane@' is not a valid email address.", ApiErrorCode.InvalidParameter, "email"),
            _ => ErrorBody(ApiCallRules.HttpsRequired, ApiErrorCode.HttpsRequired),
        };
        var tokenRequired = ErrorBody(ApiTokenAuthentication.TokenRequired, ApiErrorCode.TokenRequired);
        if (filing)
        {
            Error(
                operation,
                "400",
                "Refused; `error.code` says why. `invalid_parameter`, `invalid_body`, `https_required`, `too_many_report_targets`; " +
                "`token_required`, `invalid_token`, `token_revoked` (with `WWW-Authenticate: Bearer`); `rate_limited` (with `Retry-After`); " +
                "`body_too_large`; `unsupported_media_type`; `method_not_allowed` (with `Allow`).",
                new()
                {
                    [ApiErrorCode.InvalidParameter] = Example("Bad input", badInput),
                    [ApiErrorCode.TokenRequired] = Example("No token", tokenRequired),
                    [ApiErrorCode.TokenRevoked] = Example("A revoked token", ErrorBody(ApiTokenAuthentication.TokenRevoked, ApiErrorCode.TokenRevoked)),
                    [ApiErrorCode.RateLimited] = Example("Too many filings", ErrorBody("Too many filings with this token; try again in 60 s.", ApiErrorCode.RateLimited)),
                    [ApiErrorCode.TooManyReportTargets] = Example(
                        "A repeat with yet another report target",
                        ErrorBody($"Request {ExampleId} already reports to {DataRequest.MaxReportTargets} targets, the most one request can have; this report was not added.", ApiErrorCode.TooManyReportTargets, "report")),
                    [ApiErrorCode.BodyTooLarge] = Example("A body over the limit", ErrorBody(ApiCallRules.BodyTooLarge, ApiErrorCode.BodyTooLarge)),
                    [ApiErrorCode.UnsupportedMediaType] = Example("Neither JSON nor form data", ErrorBody("Send parameters as application/json or application/x-www-form-urlencoded (with a Content-Type header saying which), or in the query string; not as text/plain.", ApiErrorCode.UnsupportedMediaType)),
                });
            if (operation.Responses.TryGetValue("400", out var refused) && refused is OpenApiResponse refusal)
            {
                refusal.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["WWW-Authenticate"] = Header("`Bearer`, when the token is missing, unknown or revoked.", "Bearer"),
                    ["Retry-After"] = Header("Seconds to wait, when there were too many filings.", "60", JsonSchemaType.Integer),
                };
            }

            return;
        }

        Error(operation, "400", "Bad input, or a plain-HTTP call where HTTPS is required.", new() { [ApiErrorCode.HttpsRequired] = Example("Plain HTTP", badInput) });
        Error(operation, "401", "No token (`token_required`), an unknown one (`invalid_token`) or a revoked one (`token_revoked`). Comes with `WWW-Authenticate: Bearer`.", new() { [ApiErrorCode.TokenRequired] = Example("No token", tokenRequired) });
        Error(operation, "404", call is DataRequestCall.Data or DataRequestCall.Pdf
            ? "No request with this id for this token (`unknown_request`), its data is not ready yet (`not_ready`), or it was cancelled or denied (`not_available`)."
            : "No request with this id for this token (`unknown_request`).", new() { [ApiErrorCode.UnknownRequest] = Example("Not this token's request", ErrorBody(DataRequestEndpoints.UnknownRequest, ApiErrorCode.UnknownRequest)) });
        Error(operation, "410", "The result has expired or was deleted (`expired`).", new() { [ApiErrorCode.Expired] = Example("Expired", ErrorBody(DataRequestEndpoints.Expired, ApiErrorCode.Expired)) });
        Error(operation, "429", "Too many reads (or, for DELETE, changes) with this token (`rate_limited`); try again after `Retry-After` seconds.", new() { [ApiErrorCode.RateLimited] = Example("Too many reads", ErrorBody("Too many reads with this token; try again in 60 s.", ApiErrorCode.RateLimited)) });
        if (operation.Responses.TryGetValue("429", out var limited) && limited is OpenApiResponse tooMany)
        {
            tooMany.Headers = new Dictionary<string, IOpenApiHeader> { ["Retry-After"] = Header("Seconds to wait before the next call.", "60", JsonSchemaType.Integer) };
        }
    }

    private static JsonNode ErrorBody(string message, string code, string? parameter = null)
    {
        var error = new JsonObject { ["message"] = message, ["code"] = code };
        if (parameter is not null)
        {
            error["parameter"] = parameter;
        }

        return new JsonObject { ["error"] = error };
    }

    private const string LanguageDescription =
        "Optional: the language of the PDF report and of any email the subject receives about this request, as a language tag " +
        "(`en`, `nl`, `de`, `fr`; a regional tag such as `nl-BE` counts as its language); the organisation's default when left out. " +
        "A language the portal does not offer is refused with `invalid_parameter`.";

    private static void DescribeFiling(OpenApiOperation operation, string location, string report, OpenApiParameter? subject)
    {
        if (subject is not null)
        {
            SetPathParameter(operation, subject);
        }
        else
        {
            operation.Parameters!.Add(QueryParameter("email", "The subject's email address, when it is not in the body.", "jane@example.com"));
        }

        operation.Parameters!.Add(QueryParameter(report, "Where to deliver the result when it is ready, when it is not in the body: an absolute http(s) URL or an email address.", "https://crm.example.com/datarequests"));
        operation.Parameters.Add(QueryParameter(DataRequestEndpoints.LanguageParameter, LanguageDescription, "nl"));

        var body = new OpenApiSchema { Type = JsonSchemaType.Object, Properties = new Dictionary<string, IOpenApiSchema>() };
        var example = new JsonObject();
        if (subject is null)
        {
            body.Properties["email"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "email", Description = "The subject's email address." };
            body.Required = new HashSet<string> { "email" };
            example["email"] = "jane@example.com";
        }

        body.Properties[report] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = "Optional: an absolute http(s) URL that gets the result POSTed (signed), or an email address that gets it mailed.",
        };
        example[report] = "privacy@example.com";
        body.Properties[DataRequestEndpoints.LanguageParameter] = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            Description = LanguageDescription,
            Enum = [.. SubjectLanguages.Shipped.Select(l => (JsonNode)JsonValue.Create(l))],
        };
        operation.RequestBody = new OpenApiRequestBody
        {
            Description = "The parameters as a JSON object or as form fields; both optional when they come in the query string. An empty `[]` counts as none.",
            Required = false,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ApiJson.ContentType] = new() { Schema = body, Example = example.DeepClone() },
                [FormContentType] = new() { Schema = body, Example = example.DeepClone() },
            },
        };

        var created = Json("Filed: the new request's id.", Reference(nameof(FiledRequest)), new() { ["filed"] = Example("A new request", Node($$"""{"id":"{{ExampleId}}"}""")) });
        created.Headers = new Dictionary<string, IOpenApiHeader>
        {
            [DataRequestEndpoints.CreatedHeader] = Header("The new id, digits only (clients read it with `X-Created:\\s?(\\d+)`).", ExampleId),
            ["Location"] = Header("Where the result can be fetched.", location),
        };
        operation.Responses!["201"] = created;

        var duplicate = Json("A repeat: this token already has an open request for the subject; nothing new is filed.", Reference(nameof(FiledRequest)), new()
        {
            ["duplicate"] = Example("The open request's id", Node($$"""{"id":"{{ExampleId}}","duplicate":true}""")),
        });
        duplicate.Headers = new Dictionary<string, IOpenApiHeader>
        {
            [DataRequestEndpoints.CreatedHeader] = Header("The open request's id.", ExampleId),
        };
        operation.Responses["200"] = duplicate;
    }

    private static OpenApiParameter RequestIdParameter() =>
        PathParameter("id", "The request's id, as answered by the filing call.", ExampleId);

    private static OpenApiParameter PathParameter(string name, string description, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Path,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = example,
    };

    private static OpenApiParameter QueryParameter(string name, string description, string example) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        Example = example,
    };

    /// <summary>Replaces the generated path parameter (or adds it, when the handler reads the route value itself).</summary>
    private static void SetPathParameter(OpenApiOperation operation, OpenApiParameter parameter)
    {
        var parameters = operation.Parameters!;
        var existing = parameters.FirstOrDefault(p => p.In == ParameterLocation.Path && p.Name == parameter.Name);
        if (existing is not null)
        {
            parameters[parameters.IndexOf(existing)] = parameter;
        }
        else
        {
            parameters.Insert(0, parameter);
        }
    }

    private static void Error(OpenApiOperation operation, string status, string description, Dictionary<string, IOpenApiExample> examples)
    {
        if (operation.Responses!.TryGetValue(status, out var response) && response is OpenApiResponse error)
        {
            error.Description = description;
            if (error.Content?.TryGetValue(ApiJson.ContentType, out var json) == true)
            {
                json.Examples = examples;
            }
        }
    }

    private static OpenApiResponse Json(string description, IOpenApiSchema schema, Dictionary<string, IOpenApiExample> examples) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            [ApiJson.ContentType] = new() { Schema = schema, Examples = examples },
        },
    };

    private static OpenApiHeader Header(string description, string example, JsonSchemaType type = JsonSchemaType.String) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = type },
        Example = example,
    };

    private static OpenApiExample Example(string summary, JsonNode value) => new() { Summary = summary, Value = value };

    private static OpenApiSchemaReference Reference(string schema) => new(schema);

    private static Dictionary<string, IOpenApiExample> StatusExamples() => new()
    {
        ["pending"] = Example("Still collecting", Status("pending", 0, "collecting")),
        ["available"] = Example("Ready to fetch", Status("available", 146, "completed")),
        ["not available"] = Example("Cancelled, denied or expired", Status("not available", 0, "cancelled")),
        ["paused"] = Example("Waiting for the subject's answer", Status("pending", 0, "awaitingsubject")),
        ["unknown id"] = Example("An id this token has no request with", Node("""{"status":"not available","available":0,"content-type":"application/json"}""")),
    };

    private static JsonNode Status(string status, long available, string state)
    {
        var done = state is "completed" or "expired";
        var json = new JsonObject
        {
            ["id"] = ExampleId,
            ["status"] = status,
            ["available"] = available,
            ["content-type"] = ApiJson.ContentType,
            ["state"] = state,
            ["progress"] = new JsonObject
            {
                ["sourcesDone"] = done ? 3 : 1,
                ["sourcesTotal"] = 3,
                ["records"] = done ? 12 : 4,
                ["bytes"] = done ? 146 : 52,
                ["percent"] = done ? 100 : 33,
            },
            ["created"] = "2026-11-24T17:45:32Z",
            ["due"] = "2026-12-24",
            ["expires"] = state == "completed" ? "2026-12-24T17:45:32Z" : null,
            ["sha256"] = done ? "6b7793a7c1e0f5d4b8a2e9f3c6d1a0b7e4f8c2d5a9b3e6f1c4d7a0b2e5f8c1d3" : null,
            ["reason"] = state == "cancelled" ? "Withdrawn by the system that filed it (API client CRM)." : null,
            ["regime"] = "GDPR",
            ["paused"] = state == "awaitingsubject",
        };
        if (state == "awaitingsubject")
        {
            json["pausedSince"] = "2026-11-26T09:30:00Z";
        }

        return json;
    }

    private static JsonNode ResultExample() => Node("""
        {
          "info": { "type": "email", "id": "jane@example.com" },
          "data": [
            [ { "type": "message", "subject": "Your order", "sent": "2026-10-02T09:14:00Z", "html": "<p>Thank you for your order.</p>" } ],
            [ { "type": "open", "time": "2026-10-02T10:01:12Z", "ip": "192.0.2.10" }, { "type": "click", "time": "2026-10-02T10:01:40Z", "url": "https://shop.example.com/" } ]
          ],
          "meta": { "request": "7769039132682297", "generated": "2026-11-24T17:45:34Z", "sources": [ { "name": "mail", "records": 1 }, { "name": "tracking", "records": 2 } ] }
        }
        """);

    /// <summary>The seeds' result document: <c>info</c> and <c>data</c> keep exactly this shape; <c>meta</c> and more may follow.</summary>
    private static OpenApiSchema ResultSchema(bool placeholder)
    {
        IOpenApiSchema records = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Description = "One array of records per source or category.",
            Items = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Items = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "One record; `type` says what it is (message, open, click, survey, profile field, ...).",
                    Properties = new Dictionary<string, IOpenApiSchema> { ["type"] = new OpenApiSchema { Type = JsonSchemaType.String } },
                    Required = new HashSet<string> { "type" },
                },
            },
        };
        if (placeholder)
        {
            records = new OpenApiSchema
            {
                Description = "The records per source, or the text `Data not available (yet).` while there is no result.",
                OneOf = [records, new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("Data not available (yet).")] }],
            };
        }

        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Required = new HashSet<string> { "info", "data" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["info"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Description = "The subject.",
                    Required = new HashSet<string> { "type", "id" },
                    Properties = new Dictionary<string, IOpenApiSchema>
                    {
                        ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("email"), JsonValue.Create("profile"), JsonValue.Create("subprofile")] },
                        ["id"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The email address or the numeric id." },
                    },
                },
                ["data"] = records,
                ["meta"] = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "The request id, when the document was made, and the records per source." },
            },
        };
    }

    private static JsonNode Node(string json) => JsonNode.Parse(json)!;
}
