using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using DataRequestPortal.Core.Collection;
using Microsoft.Extensions.Options;

namespace DataRequestPortal.Core.Delivery;

/// <summary>Makes one attempt at POSTing a result document, signed, to a client's report URL.</summary>
public sealed class ReportSender(ResultStore store, TimeProvider time, IOptions<DeliveryOptions> deliveryOptions)
{
    private readonly DeliveryOptions options = deliveryOptions.Value;

    public async Task<DeliveryOutcome> SendAsync(long requestId, string target, string keyId, string secret, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        if (!Uri.TryCreate(target, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return DeliveryOutcome.Refused($"Refused: '{target}' is not an http(s) URL.");
        }

        byte[] sha256;
        long length;
        await using (var body = await store.OpenReadAsync(requestId))
        {
            if (body is null)
            {
                return DeliveryOutcome.Refused("The result is no longer available.");
            }

            length = body.Length;
            sha256 = await SHA256.HashDataAsync(body, cancellationToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            var (address, refusal) = await TargetAddressGuard.ResolveAsync(uri.IdnHost, options.AllowPrivateNetworkTargets, timeout.Token);
            if (address is null)
            {
                return DeliveryOutcome.Refused(refusal!) with { Duration = time.GetElapsedTime(started) };
            }

            using var client = new HttpClient(Handler(address), disposeHandler: true) { Timeout = Timeout.InfiniteTimeSpan };
            await using var content = await store.OpenReadAsync(requestId);
            if (content is null)
            {
                return DeliveryOutcome.Refused("The result is no longer available.");
            }

            var signature = ReportSignature.Sign(uri, sha256, time.GetUtcNow(), keyId, secret);
            using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StreamContent(content) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Content.Headers.ContentLength = length;
            message.Headers.Host = uri.Authority;
            message.Headers.TryAddWithoutValidation("Date", signature.Date);
            message.Headers.TryAddWithoutValidation("Digest", signature.Digest);
            message.Headers.TryAddWithoutValidation("Signature", signature.Signature);
            message.Headers.TryAddWithoutValidation("X-DataRequest-Id", requestId.ToString(System.Globalization.CultureInfo.InvariantCulture));

            using var response = await client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            var error = status is >= 200 and < 300 ? null : $"The receiver answered {status} {response.ReasonPhrase}".TrimEnd();
            return new DeliveryOutcome(status, error, time.GetElapsedTime(started));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome(null, $"No answer within {options.TimeoutSeconds:0.#} s.", time.GetElapsedTime(started));
        }
        catch (Exception ex) when (ex is HttpRequestException or SocketException or IOException)
        {
            return new DeliveryOutcome(null, ex.Message, time.GetElapsedTime(started));
        }
    }

    /// <summary>
    /// Connects only to the address that was checked, so a second DNS answer cannot point the request elsewhere;
    /// no proxy and no redirects, for the same reason.
    /// </summary>
    private static SocketsHttpHandler Handler(IPAddress address) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
