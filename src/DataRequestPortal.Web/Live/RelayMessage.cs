using System.Text.Json;
using System.Text.Json.Serialization;
using DataRequestPortal.Core.Requests;
using RequestSubject = DataRequestPortal.Core.Requests.Subject;

namespace DataRequestPortal.Web.Live;

/// <summary>What one portal process tells the others through Redis.</summary>
public enum RelayKind
{
    /// <summary>A request changed.</summary>
    Change,

    /// <summary>A request may be collected now.</summary>
    Work,

    /// <summary>A process checks that its own messages come back, so it knows it is listening.</summary>
    Hello,
}

/// <summary>
/// One message between portal processes, as compact JSON: the sending process and, for a change, exactly what the
/// change holds (the subject too, which a subject's own pages match on). Enums travel by name, so processes of
/// different versions still agree during a rolling upgrade.
/// </summary>
public sealed record RelayMessage
{
    [JsonPropertyName("from")]
    public required string From { get; init; }

    [JsonPropertyName("kind")]
    public required RelayKind Kind { get; init; }

    [JsonPropertyName("id")]
    public long? RequestId { get; init; }

    [JsonPropertyName("type")]
    public SubjectType? SubjectType { get; init; }

    [JsonPropertyName("subject")]
    public string? Subject { get; init; }

    [JsonPropertyName("channel")]
    public RequestChannel? Channel { get; init; }

    [JsonPropertyName("state")]
    public RequestState? State { get; init; }

    /// <summary>Sources done, sources in all, records, bytes.</summary>
    [JsonPropertyName("progress")]
    public long[]? Progress { get; init; }

    [JsonPropertyName("at")]
    public DateTimeOffset? At { get; init; }

    public static RelayMessage Of(string from, RequestStatusChange change) => new()
    {
        From = from,
        Kind = RelayKind.Change,
        RequestId = change.RequestId,
        SubjectType = change.Subject.Type,
        Subject = change.Subject.Identifier,
        Channel = change.Channel,
        State = change.State,
        Progress = [change.Progress.SourcesDone, change.Progress.SourcesTotal, change.Progress.Records, change.Progress.Bytes],
        At = change.At,
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, RelayJson.Default.RelayMessage);

    /// <summary>The message in <paramref name="json"/>, or null when it is not one (nothing of it is kept or logged).</summary>
    public static RelayMessage? FromJson(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, RelayJson.Default.RelayMessage);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The change this message carries, or null when it carries none or an incomplete or invalid one.</summary>
    public RequestStatusChange? ToChange()
    {
        if (Kind != RelayKind.Change
            || RequestId is not { } id
            || SubjectType is not { } type
            || Channel is not { } channel
            || State is not { } state
            || Progress is not [var done, var total, var records, var bytes]
            || At is not { } at
            || !RequestSubject.TryCreate(type, Subject, out var subject, out _)
            || done is < 0 or > int.MaxValue
            || total is < 0 or > int.MaxValue
            || !Enum.IsDefined(type) || !Enum.IsDefined(channel) || !Enum.IsDefined(state))
        {
            return null;
        }

        return new RequestStatusChange(id, subject, channel, state, new CollectionProgress((int)done, (int)total, records, bytes), at);
    }
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RelayMessage))]
internal sealed partial class RelayJson : JsonSerializerContext;
