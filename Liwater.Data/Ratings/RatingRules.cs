namespace Liwater.Data.Ratings;

/// <summary>
/// The red/black-list rules: rank by score (ties share a rank); red list = rank within the top
/// <see cref="RatingOptions.RedListTop"/> and score ≥ <see cref="RatingOptions.RedListMinScore"/>, which is five
/// stars; otherwise stars by threshold; black list = below the pass mark.
/// </summary>
public static class RatingRules
{
    public static IReadOnlyList<UnitRating> Rank(IEnumerable<UnitScore> scores, RatingOptions options)
    {
        var ordered = scores.OrderByDescending(s => s.Score).ThenBy(s => s.UnitId).ToList();
        var ratings = new List<UnitRating>(ordered.Count);
        for (var i = 0; i < ordered.Count; i++)
        {
            // Competition ranking: a unit tied with the one before it shares that unit's rank, so two units tied at
            // rank 9 both stand within the top nine.
            var rank = i > 0 && ordered[i].Score == ordered[i - 1].Score ? ratings[i - 1].Rank : i + 1;
            ratings.Add(Rate(ordered[i], rank, options));
        }

        return ratings;
    }

    private static UnitRating Rate(UnitScore score, int rank, RatingOptions options)
    {
        if (rank <= options.RedListTop && score.Score >= options.RedListMinScore)
        {
            return new UnitRating(score.UnitId, score.Score, rank, 5, RatingList.Red);
        }

        var stars = score.Score >= options.FourStarMinScore ? 4 : score.Score >= options.ThreeStarMinScore ? 3 : 0;
        var list = score.Score < options.PassMark ? RatingList.Black : RatingList.None;
        return new UnitRating(score.UnitId, score.Score, rank, stars, list);
    }
}
