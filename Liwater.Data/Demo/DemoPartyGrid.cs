namespace Liwater.Data.Demo;

/// <summary>
/// The three-level Party grid: community committees, compound and joint branches, household-contact groups with their
/// members, the households they contacted, and the Party-mass service stations.
/// </summary>
internal static class DemoPartyGrid
{
    /// <summary>Distinct households with a recorded contact at December 2021 (source figure).</summary>
    public const int ContactedHouseholds = 7_367;

    private static readonly string[] Roles = ["building_leader", "volunteer", "in_service_member", "property_staff"];

    private static readonly string[] RolePrefixes = ["楼长", "志愿者", "在职党员", "物业员工"];

    private static readonly string[] ContactNotes =
        ["入户走访，了解居民诉求", "电话联系，宣传政策", "上门收集楼栋议事意见", "走访独居长者", "协助办理社区事务", "回访问题处理情况"];

    public static void Load(DemoModel model, Random random)
    {
        InsertOrganisations(model, random);
        var groups = InsertContactGroups(model, random);
        InsertHouseholdContacts(model, random, groups);
        InsertStations(model, random);
    }

    private static void InsertOrganisations(DemoModel model, Random random)
    {
        using var org = model.Insert(
            """
            INSERT INTO party_orgs (id, kind, name, community_id, compound_id, established_on)
            VALUES (@id, @kind, @name, @communityId, @compoundId, @establishedOn)
            """,
            "@id", "@kind", "@name", "@communityId", "@compoundId", "@establishedOn");
        using var link = model.Insert(
            "INSERT INTO party_org_compounds (party_org_id, compound_id) VALUES (@orgId, @compoundId)",
            "@orgId", "@compoundId");
        long id = 0;
        foreach (var community in model.Communities)
        {
            org.Run(++id, "community_committee", community.Row.Name + "党委", community.Id, null, null);
        }

        foreach (var compound in model.Compounds.Where(c => c.Row.HasOwnBranch))
        {
            compound.BranchOrgId = ++id;
            org.Run(id, "compound_branch", compound.Name + "小区党支部", compound.Community.Id, compound.Id, Date2021(random));
            link.Run(id, compound.Id);
        }

        // One joint branch (联建党支部) per community whose remaining compounds share one; compound_id stays NULL.
        foreach (var members in model.Compounds.Where(c => c.Row.InJointBranch).GroupBy(c => c.Community))
        {
            var jointId = ++id;
            org.Run(jointId, "joint_branch", members.Key.Row.Name + "联建党支部（演示）", members.Key.Id, null, Date2021(random));
            foreach (var compound in members)
            {
                compound.BranchOrgId = jointId;
                link.Run(jointId, compound.Id);
            }
        }
    }

    private static List<(DemoBuilding Building, long GroupId)> InsertContactGroups(DemoModel model, Random random)
    {
        using var group = model.Insert(
            "INSERT INTO contact_groups (id, party_org_id, building_id, name, formed_on) VALUES (@id, @orgId, @buildingId, @name, @formedOn)",
            "@id", "@orgId", "@buildingId", "@name", "@formedOn");
        using var member = model.Insert(
            "INSERT INTO contact_group_members (id, group_id, name, role) VALUES (@id, @groupId, @name, @role)",
            "@id", "@groupId", "@name", "@role");
        var groups = new List<(DemoBuilding, long)>();
        var roleNumbers = new int[Roles.Length];
        long memberId = 0;
        foreach (var compound in model.Compounds.Where(c => c.Row.Grid != "none"))
        {
            var orgId = compound.BranchOrgId
                ?? throw new InvalidOperationException($"{compound.Name} has a grid but no branch covers it.");
            var complete = compound.Row.Grid == "complete";
            var buildings = complete ? compound.Buildings : PartialSelection(compound.Buildings, random);
            foreach (var building in buildings)
            {
                var groupId = groups.Count + 1L;
                group.Run(groupId, orgId, building.Id, $"{compound.Name}{building.Name}户联系党小组", Date2021(random));
                groups.Add((building, groupId));

                // A few groups of half-built grids have nobody in them yet.
                var size = !complete && random.NextDouble() < 0.12 ? 0 : random.Next(3, 7);
                for (var m = 0; m < size; m++)
                {
                    var role = m == 0 ? 0 : random.Next(Roles.Length);
                    member.Run(++memberId, groupId, DemoNames.Numbered(RolePrefixes[role], ++roleNumbers[role]), Roles[role]);
                }
            }
        }

        return groups;
    }

    /// <summary>Some but never all buildings of a compound whose grid is still being built.</summary>
    private static List<DemoBuilding> PartialSelection(List<DemoBuilding> buildings, Random random)
    {
        var take = Math.Clamp((int)Math.Round(buildings.Count * (0.3 + (0.4 * random.NextDouble()))), 1, buildings.Count - 1);
        return buildings.OrderBy(_ => random.Next()).Take(take).OrderBy(b => b.Id).ToList();
    }

    private static void InsertHouseholdContacts(DemoModel model, Random random, List<(DemoBuilding Building, long GroupId)> groups)
    {
        var pool = new List<(long HouseholdId, long GroupId)>();
        foreach (var (building, groupId) in groups)
        {
            for (var i = 0; i < building.HouseholdCount; i++)
            {
                pool.Add((building.FirstHouseholdId + i, groupId));
            }
        }

        if (pool.Count < ContactedHouseholds)
        {
            throw new InvalidOperationException($"Only {pool.Count} households have a contact group; {ContactedHouseholds} are needed.");
        }

        // Partial Fisher–Yates: the first ContactedHouseholds entries become a uniform sample without repeats.
        for (var i = 0; i < ContactedHouseholds; i++)
        {
            var j = random.Next(i, pool.Count);
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }

        using var contact = model.Insert(
            "INSERT INTO household_contacts (id, household_id, group_id, contacted_on, note) VALUES (@id, @householdId, @groupId, @on, @note)",
            "@id", "@householdId", "@groupId", "@on", "@note");
        long id = 0;
        foreach (var (householdId, groupId) in pool.Take(ContactedHouseholds).OrderBy(p => p.HouseholdId))
        {
            // Some households were visited two or three times on different days, so the figure counts distinct households.
            var visits = random.NextDouble() < 0.15 ? random.Next(2, 4) : 1;
            var dayOfYear = random.Next(0, 365 - ((visits - 1) * 60));
            for (var v = 0; v < visits; v++)
            {
                contact.Run(++id, householdId, groupId, DemoTime.Text(DemoTime.Day2021(dayOfYear)), ContactNotes[random.Next(ContactNotes.Length)]);
                dayOfYear += random.Next(20, 60);
            }
        }
    }

    private static void InsertStations(DemoModel model, Random random)
    {
        using var station = model.Insert(
            "INSERT INTO service_stations (id, compound_id, name, opened_on) VALUES (@id, @compoundId, @name, @openedOn)",
            "@id", "@compoundId", "@name", "@openedOn");
        long id = 0;
        foreach (var compound in model.Compounds.Where(c => c.Row.HasStation))
        {
            station.Run(++id, compound.Id, compound.Name + "党群服务站", Date2021(random));
        }
    }

    private static string Date2021(Random random) => DemoTime.Text(DemoTime.Day2021(random.Next(60, 330)));
}
