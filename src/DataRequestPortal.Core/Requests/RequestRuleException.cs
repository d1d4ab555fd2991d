namespace DataRequestPortal.Core.Requests;

/// <summary>An action the rules of the request lifecycle do not allow; the message is meant for the user.</summary>
public sealed class RequestRuleException(string message) : InvalidOperationException(message);
