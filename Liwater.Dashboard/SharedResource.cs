using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace Liwater.Dashboard;

/// <summary>Marker for the texts shared by the layout and the overview (Resources/SharedResource.*.resx).</summary>
public sealed class SharedResource;
