namespace Campaigns.Engine.Campaigns;

/// <summary>Why a preview's statistics stop before the end of the list.</summary>
internal enum PreviewStop
{
    /// <summary>The list has more contacts than <see cref="PreviewOptions.MaxRows"/>: the first of them are a sample.</summary>
    MaxRows,

    /// <summary><see cref="PreviewOptions.TimeBudget"/> ran out: the statistics cover the contacts planned by then.</summary>
    TimeBudget,
}
