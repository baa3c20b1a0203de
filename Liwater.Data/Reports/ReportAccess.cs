using Liwater.Data.Cases;

namespace Liwater.Data.Reports;

/// <summary>
/// Who reads the period reports and the case export: the town office and joint-meeting chairs for the town or any
/// community; community staff for their own community only (the scope is forced, not offered).
/// </summary>
public static class ReportAccess
{
    public static bool CanRead(ActingUser user) => user.Role is Roles.TownOffice or Roles.Chair or Roles.CommunityStaff;

    /// <summary>The community a report for <paramref name="user"/> covers: their own for staff, else the one asked for.</summary>
    public static long? Scope(ActingUser user, long? requested) =>
        user.Role == Roles.CommunityStaff ? user.CommunityId ?? -1 : requested;
}
