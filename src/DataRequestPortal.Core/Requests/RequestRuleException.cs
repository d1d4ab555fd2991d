namespace DataRequestPortal.Core.Requests;

/// <summary>An action the rules of the request lifecycle do not allow; the message is meant for the user.</summary>
public sealed class RequestRuleException(string message) : InvalidOperationException(message);

/// <summary>An action that names something the request does not have (such as a timeline entry of another request); the message is meant for the user.</summary>
public sealed class RequestActionInputException(string message) : ArgumentException(message);
