using System.Globalization;
using SupportBot.Handoff;

namespace SupportBot.Tests.Handoff;

/// <summary>The support hours as a customer reads them (the demo footer, "nobody is in right now").</summary>
public sealed class BusinessHoursOptionsTests
{
    [Fact]
    public void ConsecutiveOpenDaysAreWrittenAsARange()
    {
        var hours = new BusinessHoursOptions
        {
            TimeZone = "Asia/Bangkok", Opens = "08:00", Closes = "20:00",
            Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday],
        };

        Assert.Equal("Monday–Saturday 08:00–20:00 (Asia/Bangkok)", hours.Describe(CultureInfo.GetCultureInfo("en-US")));
    }

    [Fact]
    public void ScatteredDaysAreListedWithTheLanguagesComma()
    {
        var hours = new BusinessHoursOptions { Days = [DayOfWeek.Thursday, DayOfWeek.Sunday, DayOfWeek.Tuesday], Opens = "09:00", Closes = "17:00" };

        Assert.Equal("Sunday, Tuesday, Thursday 09:00–17:00 (UTC)", hours.Describe(CultureInfo.GetCultureInfo("en-US")));
        Assert.StartsWith("الأحد، الثلاثاء، الخميس ", hours.Describe(CultureInfo.GetCultureInfo("ar-AE")), StringComparison.Ordinal);
    }

    [Fact]
    public void EveryDayNeedsNoDays()
    {
        Assert.Equal("00:00–24:00 (UTC)", new BusinessHoursOptions().Describe(CultureInfo.GetCultureInfo("en-US")));
    }
}
