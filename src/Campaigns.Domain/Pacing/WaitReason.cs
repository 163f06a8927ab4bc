namespace Campaigns.Domain.Pacing;

/// <summary>Why a number may not send yet.</summary>
public enum WaitReason
{
    /// <summary>The floor since its last send has not passed.</summary>
    Gap,

    /// <summary>Today's cap is reached: it waits for the next local day.</summary>
    DailyCap,

    /// <summary>The sender's per-minute or per-hour cap is reached: it waits until the oldest counted send leaves the span.</summary>
    Rate,
}
