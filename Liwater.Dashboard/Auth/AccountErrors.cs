namespace Liwater.Dashboard.Auth;

/// <summary>What the account store refuses, as codes worded by Resources/Localization/DataErrorText.tsv.</summary>
[ErrorCodes]
public static class AccountErrors
{
    public const string TownOfficeOnly = "account.refused.town_office_only";
    public const string NotFound = "account.not_found";

    /// <summary>Compounds were set for an account that is not a property steward. Args: the person's name.</summary>
    public const string CompoundsStewardOnly = "account.compounds.steward_only";

    /// <summary>Args: the compound ids that do not exist, comma-separated.</summary>
    public const string CompoundMissing = "account.compounds.missing";
}
