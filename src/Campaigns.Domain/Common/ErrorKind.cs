namespace Campaigns.Domain.Common;

/// <summary>The family of an <see cref="Error"/>; the API maps each to one HTTP status.</summary>
public enum ErrorKind
{
    /// <summary>The input is wrong (400).</summary>
    Validation,

    /// <summary>The caller's credential is missing or wrong (401).</summary>
    Unauthorized,

    /// <summary>The thing does not exist, or belongs to another tenant (404).</summary>
    NotFound,

    /// <summary>The input is too large (413).</summary>
    TooLarge,

    /// <summary>The request conflicts with the current state (409).</summary>
    Conflict,
}
