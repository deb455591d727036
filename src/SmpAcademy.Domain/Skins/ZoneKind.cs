namespace SmpAcademy.Domain.Skins;

public enum ZoneKind
{
    PracticePad,
    FrontalHairline,
    Temple,
    MidScalp,
    Crown,
    Nape,
    Scar,
}

public enum HairColour
{
    Black,
    DarkBrown,
    LightBrown,
    Blond,
    Grey,
}

public enum ScarTissue
{
    FueDot,
    FutLinear,
    Surgical,
}

/// <summary>Fitzpatrick skin phototype I–VI (1–6).</summary>
public enum FitzpatrickType
{
    I = 1,
    II,
    III,
    IV,
    V,
    VI,
}
