namespace Liwater.Data.Ratings;

/// <summary>A unit's score in one assessment period, the input of the ranking.</summary>
public sealed record UnitScore(long UnitId, double Score);

/// <summary>Where a unit stands after ranking. Tied scores share a rank (1, 2, 2, 4).</summary>
public sealed record UnitRating(long UnitId, double Score, int Rank, int Stars, RatingList List);

public enum RatingList
{
    None = 0,
    Red = 1,
    Black = 2,
}

/// <summary>How many units got five, four, three or no stars.</summary>
public sealed record StarDistribution(int FiveStar, int FourStar, int ThreeStar, int NoStar)
{
    public static StarDistribution Of(IEnumerable<UnitRating> ratings)
    {
        int five = 0, four = 0, three = 0, none = 0;
        foreach (var rating in ratings)
        {
            switch (rating.Stars)
            {
                case 5: five++; break;
                case 4: four++; break;
                case 3: three++; break;
                default: none++; break;
            }
        }

        return new StarDistribution(five, four, three, none);
    }

    public int Total => FiveStar + FourStar + ThreeStar + NoStar;
}
