namespace Campaigns.Engine.Templates;

/// <summary>One choice made during a render: the option taken, from 0, out of <paramref name="Count"/>.</summary>
internal readonly record struct ChoicePoint(int Choice, int Count);
