using DataRequestPortal.Core.Data;

namespace DataRequestPortal.Core.Requests;

/// <summary>What a staff filing or action tells the subject by email.</summary>
public enum SubjectNotice
{
    /// <summary>The due date was extended: the new date and the reason.</summary>
    Extension,

    /// <summary>Staff asked the subject something; <c>number</c> says which question.</summary>
    Question,

    /// <summary>Staff filed a request for the subject to follow on the self-service page: its number, due date and the page.</summary>
    Filed,
}

/// <summary>
/// Queues a subject's notice in the same save as the action that caused it, so the action is never stored without it.
/// Delivery implements it; requests whose subject proved no address get none.
/// </summary>
public interface ISubjectNotices
{
    void Queue(PortalDbContext db, DataRequest request, SubjectNotice notice, int number = 0);
}
