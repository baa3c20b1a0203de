namespace Liwater.Data.Photos;

/// <summary>The codes of what the photo path can reject (worded in Resources/Localization/DataErrorText.tsv).</summary>
[ErrorCodes]
public static class PhotoErrors
{
    /// <summary>A photo step was sent without a photo.</summary>
    public const string Required = "photo.required";
}
