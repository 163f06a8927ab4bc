using Campaigns.Domain.Common;
using Campaigns.Domain.Senders;

namespace Campaigns.Domain.Pacing;

/// <summary>
/// A sender's pacing choices on top of its <see cref="SenderSettings"/>: the <see cref="Profile"/> and optional caps per
/// minute and per hour (null: none). A value that exists is valid (see <see cref="Create"/>); <c>default</c> is not a
/// value of this type (it is a class): use <see cref="Default"/>.
/// </summary>
public sealed record SenderPacing
{
    public const int MaxPerMinuteLimit = 60;
    public const int MaxPerHourLimit = 3600;

    private SenderPacing(PacingProfile profile, int? maxPerMinute, int? maxPerHour)
    {
        Profile = profile;
        MaxPerMinute = maxPerMinute;
        MaxPerHour = maxPerHour;
    }

    /// <summary>The spread profile with no per-minute or per-hour cap: what a sender gets unless its user says otherwise.</summary>
    public static SenderPacing Default { get; } = new(PacingProfile.Spread, null, null);

    public PacingProfile Profile { get; }

    /// <summary>At most this many sends in any minute (1–60); null: no cap.</summary>
    public int? MaxPerMinute { get; }

    /// <summary>At most this many sends in any hour (1–3,600); null: no cap.</summary>
    public int? MaxPerHour { get; }

    /// <summary>The profile's name as stored and as the API writes it: <c>spread</c> or <c>floor</c>.</summary>
    public static string ProfileName(PacingProfile profile) => profile switch
    {
        PacingProfile.Spread => "spread",
        PacingProfile.Floor => "floor",
        _ => throw new ArgumentOutOfRangeException(nameof(profile), profile, null),
    };

    /// <summary>These choices with <paramref name="patch"/> applied (absent: kept; null: the default), checked again.</summary>
    public Result<SenderPacing> With(SenderPacingPatch patch)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return Create(patch.Profile.Or(ProfileName(Profile)), patch.MaxPerMinute.Or(MaxPerMinute), patch.MaxPerHour.Or(MaxPerHour));
    }

    /// <summary>
    /// Checks every choice and answers all the problems at once, each under its API field (<c>pacing.profile</c>,
    /// <c>pacing.maxPerMinute</c>, <c>pacing.maxPerHour</c>). A null profile is <c>spread</c>.
    /// </summary>
    public static Result<SenderPacing> Create(string? profile, int? maxPerMinute, int? maxPerHour)
    {
        var errors = new Dictionary<string, string[]>();
        PacingProfile? parsed = (profile?.Trim().ToLowerInvariant()) switch
        {
            null => PacingProfile.Spread,
            "spread" => PacingProfile.Spread,
            "floor" => PacingProfile.Floor,
            _ => null,
        };
        if (parsed is null)
        {
            errors["pacing.profile"] = [$"'{profile}' is not a pacing profile: use 'spread' (the default) or 'floor'."];
        }

        if (maxPerMinute is < 1 or > MaxPerMinuteLimit)
        {
            errors["pacing.maxPerMinute"] = [$"maxPerMinute must be between 1 and {MaxPerMinuteLimit}, or null for no cap."];
        }

        if (maxPerHour is < 1 or > MaxPerHourLimit)
        {
            errors["pacing.maxPerHour"] = [$"maxPerHour must be between 1 and {MaxPerHourLimit}, or null for no cap."];
        }

        return errors.Count > 0 ? SenderErrors.InvalidSettings(errors) : new SenderPacing(parsed!.Value, maxPerMinute, maxPerHour);
    }
}
