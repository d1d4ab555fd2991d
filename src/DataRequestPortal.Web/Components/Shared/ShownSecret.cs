namespace DataRequestPortal.Web.Components.Shared;

/// <summary>One value shown once in <see cref="SecretsShownOnceDialog"/>: its label, the value, a hint, and an element id for tests and labels.</summary>
public sealed record ShownSecret(string Label, string Value, string Id, string? Help = null);
