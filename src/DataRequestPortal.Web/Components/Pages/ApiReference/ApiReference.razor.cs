using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DataRequestPortal.Web.Api;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataRequestPortal.Web.Components.Pages.ApiReference;

/// <summary>The OpenAPI document, for people: every call with its parameters, body, answers and examples.</summary>
public sealed partial class ApiReference
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = ApiJson.Encoder };

    private static readonly JsonSerializerOptions Compact = new() { Encoder = ApiJson.Encoder };

    private OpenApiDocument document = new();

    [Inject(Key = DataRequestApiDocumentation.DocumentName)]
    private IOpenApiDocumentProvider Documents { get; set; } = default!;

    private List<Call> Calls { get; set; } = [];

    protected override async Task OnInitializedAsync()
    {
        document = await Documents.GetOpenApiDocumentAsync();
        Calls = [.. (document.Paths ?? [])
            .SelectMany(path => (path.Value.Operations ?? []).Select(operation => new Call(operation.Key.Method.ToUpperInvariant(), path.Key, operation.Value)))
            .OrderBy(call => call.Tag == "File a request" ? 0 : 1)
            .ThenBy(call => call.Path, StringComparer.Ordinal)
            .ThenBy(call => call.Method == "DELETE")];
    }

    /// <summary>Descriptions mark code with backticks, as in Markdown; those parts are shown as code.</summary>
    private static RenderFragment Text(string? text) => builder =>
    {
        var parts = (text ?? "").Split('`');
        for (var i = 0; i < parts.Length; i++)
        {
            if (i % 2 == 1)
            {
                builder.OpenElement(0, "code");
                builder.AddContent(1, parts[i]);
                builder.CloseElement();
            }
            else
            {
                builder.AddContent(2, parts[i]);
            }
        }
    };

    private static string Json(JsonNode? node, bool indented) =>
        node is null ? "" : node is JsonValue value && value.TryGetValue<string>(out var text) && !indented ? text : node.ToJsonString(indented ? Indented : Compact);

    /// <summary>A form body's example as it goes over the wire; a JSON body's as JSON.</summary>
    private static string Example(string contentType, JsonNode? example) =>
        contentType == ApiJson.ContentType || example is not JsonObject fields
            ? Json(example, indented: true)
            : string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value?.ToString() ?? "")}"));

    private static string Fields(IOpenApiSchema? schema) =>
        schema?.Properties is { Count: > 0 } properties ? "fields " + string.Join(", ", properties.Keys) : "";

    private static string SchemaName(IOpenApiSchema? schema) => schema switch
    {
        OpenApiSchemaReference reference => " — " + reference.Reference.Id,
        { Properties.Count: > 0 } shape => " — object with " + string.Join(", ", shape.Properties.Keys),
        _ => "",
    };

    private static IEnumerable<KeyValuePair<string, T>> Entries<T>(IDictionary<string, T>? entries) => entries ?? new Dictionary<string, T>();

    private static string Lower(ParameterLocation? location) => location?.ToString().ToLowerInvariant() ?? "";

    private sealed partial record Call(string Method, string Path, OpenApiOperation Operation)
    {
        public string Tag => Operation.Tags?.FirstOrDefault()?.Name ?? "";

        public string Anchor => Method.ToLowerInvariant() + "-" + NotWord().Replace(Path, "-").Trim('-');

        [GeneratedRegex("[^A-Za-z0-9]+")]
        private static partial Regex NotWord();
    }
}
