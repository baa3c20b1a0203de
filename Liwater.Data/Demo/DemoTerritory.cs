namespace Liwater.Data.Demo;

/// <summary>Communities, compounds, buildings and households: the hierarchy town → community → compound → building → household.</summary>
internal static class DemoTerritory
{
    /// <summary>About 70,000 households; with 1–6 residents each (mean ≈ 2.93) that is about 205,000 residents.</summary>
    private const int TargetHouseholds = 70_000;

    private static readonly int[] ResidentWeights = [12, 27, 31, 19, 8, 3];

    private sealed record Shape(int Entrances, int Floors, int RoomsPerFloor);

    public static void Load(DemoModel model, Random random)
    {
        InsertCommunities(model);
        InsertCompounds(model);
        InsertBuildingsAndHouseholds(model, random);
    }

    private static void InsertCommunities(DemoModel model)
    {
        using var insert = model.Insert(
            """
            INSERT INTO communities (id, code, name, name_en, sort_order, is_assumption, assumption_note)
            VALUES (@id, @code, @name, @nameEn, @sortOrder, @isAssumption, @note)
            """,
            "@id", "@code", "@name", "@nameEn", "@sortOrder", "@isAssumption", "@note");
        foreach (var row in DemoReference.Communities())
        {
            var community = new DemoCommunity(model.Communities.Count + 1, row);
            insert.Run(community.Id, row.Code, row.Name, row.NameEn, row.SortOrder, row.IsAssumption ? 1 : 0, row.AssumptionNote);
            model.Communities.Add(community);
        }
    }

    // latitude/longitude stay NULL: no real coordinates are known and inventing them would mislead the map.
    private static void InsertCompounds(DemoModel model)
    {
        using var insert = model.Insert(
            """
            INSERT INTO compounds (id, community_id, name, latitude, longitude, is_assumption, assumption_note)
            VALUES (@id, @communityId, @name, NULL, NULL, @isAssumption, @note)
            """,
            "@id", "@communityId", "@name", "@isAssumption", "@note");
        foreach (var row in DemoReference.Compounds())
        {
            var community = model.Communities.Single(c => c.Row.Code == row.CommunityCode);
            var compound = new DemoCompound(model.Compounds.Count + 1, community, row);
            insert.Run(compound.Id, community.Id, row.Name, row.IsAssumption ? 1 : 0, row.AssumptionNote);
            model.Compounds.Add(compound);
        }
    }

    private static void InsertBuildingsAndHouseholds(DemoModel model, Random random)
    {
        // First draw the shape of every building, then scale the floor counts so the town lands near the target.
        var shapes = new List<List<Shape>>();
        foreach (var compound in model.Compounds)
        {
            // Compounds without their own branch are the small ones.
            var buildingCount = compound.Row.HasOwnBranch ? random.Next(8, 31) : random.Next(6, 11);
            var list = new List<Shape>();
            for (var b = 0; b < buildingCount; b++)
            {
                var highRise = random.NextDouble() < 0.6;
                list.Add(new Shape(random.Next(1, 3), highRise ? random.Next(18, 34) : random.Next(6, 12), random.Next(2, 5)));
            }

            shapes.Add(list);
        }

        var raw = shapes.SelectMany(s => s).Sum(s => s.Entrances * s.Floors * s.RoomsPerFloor);
        var factor = (double)TargetHouseholds / raw;

        using var buildingInsert = model.Insert(
            "INSERT INTO buildings (id, compound_id, name) VALUES (@id, @compoundId, @name)",
            "@id", "@compoundId", "@name");
        using var householdInsert = model.Insert(
            "INSERT INTO households (id, building_id, unit_no, residents) VALUES (@id, @buildingId, @unitNo, @residents)",
            "@id", "@buildingId", "@unitNo", "@residents");
        var totalWeight = ResidentWeights.Sum();
        long buildingId = 0;
        long householdId = 0;
        for (var c = 0; c < model.Compounds.Count; c++)
        {
            var compound = model.Compounds[c];
            for (var b = 0; b < shapes[c].Count; b++)
            {
                var shape = shapes[c][b];
                var floors = Math.Clamp((int)Math.Round(shape.Floors * factor), 3, 40);
                var building = new DemoBuilding(++buildingId, compound.Id, $"{b + 1}栋", householdId + 1, shape.Entrances * floors * shape.RoomsPerFloor);
                buildingInsert.Run(building.Id, compound.Id, building.Name);
                for (var entrance = 1; entrance <= shape.Entrances; entrance++)
                {
                    for (var floor = 1; floor <= floors; floor++)
                    {
                        for (var room = 1; room <= shape.RoomsPerFloor; room++)
                        {
                            householdInsert.Run(++householdId, building.Id, $"{entrance}-{floor:00}{room:00}", Residents(random, totalWeight));
                        }
                    }
                }

                compound.Buildings.Add(building);
            }
        }
    }

    private static int Residents(Random random, int totalWeight)
    {
        var pick = random.Next(totalWeight);
        for (var i = 0; i < ResidentWeights.Length; i++)
        {
            pick -= ResidentWeights[i];
            if (pick < 0)
            {
                return i + 1;
            }
        }

        return ResidentWeights.Length;
    }
}
