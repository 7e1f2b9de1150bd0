using SupportBot.Handoff;
using SupportBot.Handoff.Desk;
using SupportBot.Handoff.Escalation;
using SupportBot.Handoff.Queue;

namespace SupportBot.Web.Agents;

/// <summary>The hand-off to agents: its rules and options, routing, the desk's rules and the queue policy that runs in the background.</summary>
public static class HandoffFeature
{
    public static IHostApplicationBuilder AddHandoff(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<HandoffOptions>().BindConfiguration(HandoffOptions.Section)
            .Validate(o => o.MaxMisunderstandings >= 0 && o.RepeatedMessages >= 0, "Handoff:MaxMisunderstandings and RepeatedMessages must not be negative.")
            .Validate(o => o.AverageHandleTime > TimeSpan.Zero && o.MaxQueueWait > TimeSpan.Zero && o.RecordRetention > TimeSpan.Zero, "Handoff times must be positive.")
            .Validate(o => BusinessHoursOptions.IsValidTime(o.BusinessHours.Opens) && BusinessHoursOptions.IsValidTime(o.BusinessHours.Closes), "Handoff:BusinessHours Opens and Closes are HH:mm.")
            .Validate(o => TimeZoneExists(o.BusinessHours.TimeZone), "Handoff:BusinessHours:TimeZone is not a known time zone.")
            .ValidateOnStart();

        services.AddSingleton<HandoffService>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<QueuePolicy>();
        services.AddSingleton<HandoffDesk>();
        services.AddHostedService<HandoffCoordinator>();
        return builder;
    }

    private static bool TimeZoneExists(string id)
    {
        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return false;
        }
    }
}
