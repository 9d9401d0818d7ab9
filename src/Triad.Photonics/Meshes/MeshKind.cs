namespace Triad.Photonics.Meshes;

/// <summary>The arrangement of MZIs in a universal mesh.</summary>
public enum MeshKind
{
    /// <summary>Rectangular mesh of Clements et al., Optica 3, 1460 (2016): N columns, depth N.</summary>
    Clements,

    /// <summary>Triangular mesh of Reck et al., Phys. Rev. Lett. 73, 58 (1994): depth 2N − 3.</summary>
    Reck,
}
