using Liwater.Data.Ratings;

namespace Liwater.Dashboard.Tests.Data.Ratings;

public sealed class RatingRulesTests
{
    private static readonly RatingOptions Defaults = new();

    private static IReadOnlyList<UnitRating> Rank(params double[] scores) =>
        RatingRules.Rank(scores.Select((s, i) => new UnitScore(i + 1, s)), Defaults);

    [Fact]
    public void Rank_TopNineAbove80_AreRedListAndFiveStars()
    {
        var ratings = Rank(95, 94, 93, 92, 91, 90, 89, 88, 87, 86);
        Assert.All(ratings.Take(9), r => Assert.Equal((5, RatingList.Red), (r.Stars, r.List)));
        Assert.Equal((10, 4, RatingList.None), (ratings[9].Rank, ratings[9].Stars, ratings[9].List));
    }

    [Fact]
    public void Rank_TieAtRankNine_BothShareRankNineAndEnterRedList()
    {
        var ratings = Rank(99, 98, 97, 96, 95, 94, 93, 92, 85, 85, 84);
        var tied = ratings.Where(r => r.Score == 85).ToList();
        Assert.Equal(2, tied.Count);
        Assert.All(tied, r => Assert.Equal((9, RatingList.Red, 5), (r.Rank, r.List, r.Stars)));
        Assert.Equal(11, ratings.Single(r => r.Score == 84).Rank);
        Assert.Equal(10, ratings.Count(r => r.List == RatingList.Red));
    }

    [Fact]
    public void Rank_TopNineUnitBelow80_IsNotRedListed()
    {
        var ratings = Rank(92, 79.5, 70, 64, 50);
        Assert.Equal((2, 4, RatingList.None), (ratings[1].Rank, ratings[1].Stars, ratings[1].List));
        Assert.Equal(3, ratings[2].Stars);
        Assert.Equal((0, RatingList.None), (ratings[3].Stars, ratings[3].List));
        Assert.Equal((0, RatingList.Black), (ratings[4].Stars, ratings[4].List));
    }

    [Fact]
    public void Rank_EmptyYear_GivesNoRatings()
    {
        var ratings = RatingRules.Rank([], Defaults);
        Assert.Empty(ratings);
        Assert.Equal(new StarDistribution(0, 0, 0, 0), StarDistribution.Of(ratings));
    }

    [Fact]
    public void Rank_ConfiguredThresholds_AreApplied()
    {
        var strict = new RatingOptions { RedListTop = 1, RedListMinScore = 90, FourStarMinScore = 85, ThreeStarMinScore = 80, PassMark = 70 };
        var ratings = RatingRules.Rank([new UnitScore(1, 95), new UnitScore(2, 91), new UnitScore(3, 82), new UnitScore(4, 69)], strict);
        Assert.Equal([5, 4, 3, 0], ratings.Select(r => r.Stars));
        Assert.Equal(RatingList.Black, ratings[3].List);
    }

    [Fact]
    public void Validate_InconsistentThresholds_NameTheKeys()
    {
        var errors = new RatingOptions { ThreeStarMinScore = 80, FourStarMinScore = 70, PassMark = 85 }.Validate();
        Assert.Contains(errors, e => e.Contains("Liwater:Ratings:ThreeStarMinScore", StringComparison.Ordinal) && e.Contains("FourStarMinScore", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Liwater:Ratings:PassMark", StringComparison.Ordinal));
        Assert.Empty(new RatingOptions().Validate());
    }
}
