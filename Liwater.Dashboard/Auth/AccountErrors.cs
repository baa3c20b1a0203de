namespace Liwater.Dashboard.Auth;

/// <summary>What the account store refuses, as codes worded by Resources/Localization/DataErrorText.tsv.</summary>
[ErrorCodes]
public static class AccountErrors
{
    public const string TownOfficeOnly = "account.refused.town_office_only";
    public const string NotFound = "account.not_found";

    /// <summary>Args: the longest user name (characters).</summary>
    public const string UsernameInvalid = "account.username.invalid";

    public const string UsernameTaken = "account.username.taken";

    public const string RoleRequired = "account.role.required";

    public const string CommunityRequired = "account.community.required";

    /// <summary>Args: the shortest password (characters).</summary>
    public const string PasswordTooShort = "account.password.too_short";

    public const string DeactivateSelf = "account.deactivate_self";

    /// <summary>The display name's label in the text rule's messages (<see cref="TextErrors"/>).</summary>
    public const string DisplayNameLabel = "label.display_name";

    /// <summary>Compounds were set for an account that is not a property steward. Args: the person's name.</summary>
    public const string CompoundsStewardOnly = "account.compounds.steward_only";

    /// <summary>Args: the compound ids that do not exist, comma-separated.</summary>
    public const string CompoundMissing = "account.compounds.missing";
}
