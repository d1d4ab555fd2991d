namespace DataRequestPortal.Core.Requests;

/// <summary>How a request reached the portal.</summary>
public enum RequestChannel
{
    Staff,
    SelfService,
    Api,
}
