using MentoringFunctions.Core.Applications;
using MentoringFunctions.Core.Matching;
using static MentoringFunctions.Core.Tests.Matching.People;

namespace MentoringFunctions.Core.Tests.Matching;

/// <summary>Each hard rule on its own: it blocks the pair by default, and switching it off allows it.</summary>
public class RulesTests
{
    private static bool Paired(IReadOnlyList<Application> apps, MatchSettings? settings = null) =>
        Matcher.Run(apps, settings ?? MatchSettings.Default).Pairs.Count == 1;

    private static MatchSettings With(Func<MatchRules, MatchRules> change) => MatchSettings.Default with { Rules = change(new MatchRules()) };

    [Theory]
    [InlineData(12, 10, true)]
    [InlineData(11, 10, false)]
    [InlineData(10, 10, false)]
    public void Mentor_needs_two_more_years(int mentorYears, int menteeYears, bool expected) =>
        Assert.Equal(expected, Paired([Mentor("m", mentorYears), Mentee("e", menteeYears)]));

    [Fact]
    public void Experience_gap_is_tunable_and_can_be_switched_off()
    {
        Application[] apps = [Mentor("m", 12), Mentee("e", 10)];
        Assert.False(Paired(apps, With(r => r with { MinYearsGap = 5 })));
        Assert.True(Paired([Mentor("m", 5), Mentee("e", 10)], With(r => r with { RequireExperienceGap = false })));
    }

    [Theory]
    [InlineData("Org A", "Org A", false)]
    [InlineData(" org a ", "ORG A", false)]
    [InlineData("Org A", "Org B", true)]
    [InlineData("", "", true)]          // both independent: no organisation, no conflict
    [InlineData("", "Org A", true)]
    public void Different_organisations_compare_trimmed_and_case_insensitive(string mentorOrg, string menteeOrg, bool expected)
    {
        Assert.Equal(expected, Paired([Mentor("m", 20, org: mentorOrg), Mentee("e", 1, org: menteeOrg)]));
        Assert.True(Paired([Mentor("m", 20, org: mentorOrg), Mentee("e", 1, org: menteeOrg)], With(r => r with { RequireDifferentOrganisation = false })));
    }

    [Theory]
    [InlineData(MeetingPreference.InPerson, MeetingPreference.InPerson, "Wales", "wales ", true)]
    [InlineData(MeetingPreference.InPerson, MeetingPreference.Either, "Wales", "Wales", true)]
    [InlineData(MeetingPreference.InPerson, MeetingPreference.Either, "Wales", "London", false)]
    [InlineData(MeetingPreference.InPerson, MeetingPreference.Online, "Wales", "Wales", false)]
    [InlineData(MeetingPreference.Online, MeetingPreference.InPerson, "Wales", "Wales", false)]
    [InlineData(MeetingPreference.Online, MeetingPreference.Either, "Wales", "London", true)]
    [InlineData(MeetingPreference.Either, MeetingPreference.Either, "Wales", "London", true)]
    public void In_person_only_needs_the_same_region_and_nobody_online_only(MeetingPreference m, MeetingPreference e, string mr, string er, bool expected)
    {
        Application[] apps = [Mentor("m", 20, region: mr, meeting: m), Mentee("e", 1, region: er, meeting: e)];
        Assert.Equal(expected, Paired(apps));
        Assert.True(Paired(apps, With(r => r with { RequireCompatibleMeeting = false })));
    }

    [Theory]
    [InlineData("E@EXAMPLE.ORG ", "")]   // mentor avoids the mentee's e-mail
    [InlineData("", "m@example.org")]     // mentee avoids the mentor's e-mail
    [InlineData(" org b", "")]            // mentor avoids the mentee's organisation
    [InlineData("", "ORG A")]             // mentee avoids the mentor's organisation
    public void Avoid_lists_work_on_either_side_by_email_or_organisation(string mentorAvoids, string menteeAvoids)
    {
        Application[] apps = [Mentor("m", 20, org: "Org A", avoid: mentorAvoids), Mentee("e", 1, org: "Org B", avoid: menteeAvoids)];
        Assert.False(Paired(apps));
        Assert.True(Paired(apps, With(r => r with { RespectAvoidLists = false })));
    }

    [Fact]
    public void Avoiding_an_organisation_never_matches_independents()
    {
        Assert.True(Paired([Mentor("m", 20, avoid: "Org A"), Mentee("e", 1, org: "")]));
    }

    [Fact]
    public void Previous_partners_by_email_or_id_in_either_direction_are_not_matched_again()
    {
        Application[] apps = [Mentor("m", 20), Mentee("e", 1)];
        Assert.False(Paired(apps, MatchSettings.Default with { PreviousPairs = [new PairRef("E@example.org", "m@example.org")] }));
        Assert.False(Paired(apps, MatchSettings.Default with { PreviousPairs = [new PairRef("m", "e")] }));
        Assert.True(Paired(apps, MatchSettings.Default with { PreviousPairs = [new PairRef("gone@example.org", "e")] }));
        Assert.True(Paired(apps, With(r => r with { AvoidPreviousPartners = false }) with { PreviousPairs = [new PairRef("m", "e")] }));
    }

    [Fact]
    public void Capacity_and_the_cohort_cap_limit_mentees_per_mentor()
    {
        Application[] apps = [Mentor("m", 20, capacity: 3), Mentee("e1", 1), Mentee("e2", 2), Mentee("e3", 3), Mentee("e4", 4)];
        Assert.Equal(3, Matcher.Run(apps, MatchSettings.Default).Pairs.Count);
        Assert.Equal(2, Matcher.Run(apps, With(r => r with { MaxMenteesPerMentor = 2 })).Pairs.Count);
    }

    [Fact]
    public void Both_applicant_is_never_matched_with_themselves_even_with_every_rule_off()
    {
        var off = With(_ => new MatchRules
        {
            RequireExperienceGap = false, RequireDifferentOrganisation = false, RequireCompatibleMeeting = false,
            RespectAvoidLists = false, AvoidPreviousPartners = false,
        });
        var result = Matcher.Run([Both("b", 10, capacity: 3)], off);
        Assert.Empty(result.Pairs);
        Assert.Equal("No one else in the cohort offers mentoring.", Assert.Single(result.Unmatched).Reason);
    }
}
