using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Triad.Numerics.Threading;

namespace Triad.Numerics.LinearAlgebra;

public static partial class Gemm
{
    // Blocking and threading constants outside the kernels. They are tuning parameters, not physics, checked by
    // timing on this project's 2-core AMD EPYC (Zen 4) with `triad bench gemm` and the shapes of the CNN layers
    // (conv weight gradients were 6× faster with split-K). Only the K-blocks and KSplit set the order of
    // summation, and they depend on k and the kernel alone, so no constant makes a result depend on the thread count.

    /// <summary>Depth of one chunk of K, in K-blocks, when a tall-K product is split across threads.</summary>
    private const int KSplitBlocks = 8;

    /// <summary>
    /// Fewest macro tiles a product is cut into when its shape allows: enough that threads taking tiles one at a
    /// time finish within about a tile of each other (a 512² product has 6 row blocks and 1 column block otherwise).
    /// A constant, not the thread count, so the tiles never depend on it.
    /// </summary>
    private const int MinTiles = 16;

    /// <summary>Fewest multiply–adds in one piece of a parallel region: about 2–5 µs of work on one core.</summary>
    private const long MinPieceWork = 1L << 17;

    /// <summary>Fewest values packed by one piece of a parallel region.</summary>
    private const long MinPackPiece = 1L << 14;

    /// <summary>Largest total size of the partial products of a split-K product.</summary>
    private const long MaxSplitElements = 1L << 22;

    /// <summary>
    /// Most elements of packed A and B held at once (4 MiB of float): K is packed as many K-blocks at a time as fit,
    /// so a product up to about 700² packs in one pass (two parallel regions in all), and a larger one packs each
    /// K-block just before it is used, while it is still in the last-level cache (packing all of a 1024² double
    /// product first was 5–10 % slower).
    /// </summary>
    private const long PackBudget = 1L << 20;

    /// <summary>The operands of one product, after the checks.</summary>
    private readonly record struct Product<T>(
        bool TransposeA, bool TransposeB, int M, int N, int K, T Alpha,
        T[] A, int AOffset, int Lda, T[] B, int BOffset, int Ldb, T[] C, int COffset, int Ldc, bool Overwrite);

    // Panels of MR rows of op(A) are grouped into row blocks of at most MC rows, panels of NR columns of op(B)
    // into column blocks of at most NC; the blocks are evened out so the last is not a sliver. A macro tile
    // (row block × column block) is one piece of work for a thread, and the packing of a K-block is cut along the
    // same blocks; the cut depends on the shape alone.
    private readonly record struct Blocking(
        int MPanels, int NPanels, int PanelsPerRowBlock, int PanelsPerColBlock, int RowBlocks, int ColBlocks, int CacheTiles)
    {
        public static Blocking Of<T, TKernel>(int m, int n)
            where T : unmanaged, IFloatingPointIeee754<T>
            where TKernel : struct, IGemmKernel<T>
        {
            int mPanels = (m + TKernel.MR - 1) / TKernel.MR;
            int nPanels = (n + TKernel.NR - 1) / TKernel.NR;
            int perRow = Even(mPanels, TKernel.MC / TKernel.MR);
            int rowBlocks = (mPanels + perRow - 1) / perRow;
            int perCol = Even(nPanels, TKernel.NC / TKernel.NR);
            int colBlocks = (nPanels + perCol - 1) / perCol;
            int cacheTiles = rowBlocks * colBlocks;
            if (cacheTiles < MinTiles)
            {
                // Too few tiles to share out evenly (threads take them one at a time, so the last tile decides
                // when a region ends): cut the columns finer, which keeps each tile's A block.
                colBlocks = Math.Min(nPanels, (MinTiles + rowBlocks - 1) / rowBlocks);
                perCol = (nPanels + colBlocks - 1) / colBlocks;
                colBlocks = (nPanels + perCol - 1) / perCol;
            }
            return new Blocking(mPanels, nPanels, perRow, perCol, rowBlocks, colBlocks, cacheTiles);
        }

        private static int Even(int panels, int most)
        {
            int blocks = (panels + most - 1) / most;
            return (panels + blocks - 1) / blocks;
        }
    }

    private static void Blocked<T, TKernel>(Product<T> p, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmKernel<T>
    {
        int kcFull = TKernel.KC(p.M, p.N);
        Blocking blocking = Blocking.Of<T, TKernel>(p.M, p.N);
        int kSplit = KSplitBlocks * kcFull;
        int splits = (p.K + kSplit - 1) / kSplit;
        // Tiles as the cache blocking alone cuts them: one or two mean a tall-K product (before MinTiles cuts finer).
        if (blocking.CacheTiles <= 2 && splits >= 2 && (long)splits * p.M * p.N <= MaxSplitElements)
        {
            SplitK<T, TKernel>(p, blocking, kcFull, splits, kSplit, parallel);
            return;
        }

        long perK = ((long)blocking.MPanels * TKernel.MR) + ((long)blocking.NPanels * TKernel.NR);
        int passDepth = (int)Math.Min(p.K, Math.Max(1, PackBudget / (perK * kcFull)) * kcFull);
        // A pass is never deeper than k: sizing the buffers by KC alone would make a thin product (k ≪ KC, a large
        // batch times a few features) pack into buffers KC/k times too large.
        int passes = (p.K + passDepth - 1) / passDepth;
        int sizeA = blocking.MPanels * TKernel.MR * passDepth, sizeB = blocking.NPanels * TKernel.NR * passDepth;
        // Two buffers each when there are several passes: pass r + 1 is packed while pass r is multiplied.
        int buffers = passes > 1 ? 2 : 1;
        T[] packA = ArrayPool<T>.Shared.Rent(buffers * sizeA);
        T[] packB = ArrayPool<T>.Shared.Rent(buffers * sizeB);
        try
        {
            int tiles = blocking.RowBlocks * blocking.ColBlocks;
            // Small tiles and blocks are grouped into pieces of some microseconds each, so that handing a piece to a
            // thread costs little beside it (a 43264×16×9 product has 676 tiles of 9216 multiply–adds).
            int rows = blocking.PanelsPerRowBlock * TKernel.MR, cols = blocking.PanelsPerColBlock * TKernel.NR;
            int tilesPerPiece = Group((long)rows * cols * Math.Min(passDepth, p.K), MinPieceWork, tiles);
            int rowGroup = Group((long)rows * Math.Min(kcFull, p.K), MinPackPiece, blocking.RowBlocks);
            int colGroup = Group((long)cols * Math.Min(kcFull, p.K), MinPackPiece, blocking.ColBlocks);
            int rowPieces = (blocking.RowBlocks + rowGroup - 1) / rowGroup, colPieces = (blocking.ColBlocks + colGroup - 1) / colGroup;
            int blocks = rowPieces + colPieces;
            int computePieces = (tiles + tilesPerPiece - 1) / tilesPerPiece;
            // Region r multiplies pass r − 1 (its tiles first) and packs pass r (pieces after the tiles), so a
            // product of P passes has P + 1 parallel regions instead of 2P: fewer points where a thread that
            // another process has taken the core from holds up the other.
            for (int region = 0; region <= passes; region++)
            {
                int computed = region - 1, packed = region;
                int computeCount = computed >= 0 ? computePieces : 0;
                int packStart = packed * passDepth;
                int packDepth = packed < passes ? Math.Min(passDepth, p.K - packStart) : 0;
                int packCount = ((packDepth + kcFull - 1) / kcFull) * blocks;
                For(parallel, computeCount + packCount, piece =>
                {
                    if (piece < computeCount)
                    {
                        int start = computed * passDepth, buffer = computed % buffers;
                        ReadOnlySpan<T> a = packA.AsSpan(buffer * sizeA, sizeA), b = packB.AsSpan(buffer * sizeB, sizeB);
                        for (int tile = piece * tilesPerPiece, end = Math.Min(tiles, tile + tilesPerPiece); tile < end; tile++)
                        {
                            MacroTile<T, TKernel>(
                                p, blocking, tile / blocking.ColBlocks, tile % blocking.ColBlocks, kcFull,
                                Math.Min(passDepth, p.K - start), a, b, p.C, p.COffset, p.Ldc, p.Overwrite && start == 0);
                        }
                        return;
                    }
                    int kb = (piece - computeCount) / blocks, group = (piece - computeCount) % blocks;
                    int p0 = packStart + (kb * kcFull), kc = Math.Min(kcFull, packStart + packDepth - p0);
                    if (group < rowPieces)
                    {
                        Span<T> target = packA.AsSpan((packed % buffers * sizeA) + (kb * kcFull * blocking.MPanels * TKernel.MR));
                        for (int block = group * rowGroup, end = Math.Min(blocking.RowBlocks, block + rowGroup); block < end; block++)
                        {
                            PackRowBlock<T, TKernel>(p, blocking, block, p0, kc, target);
                        }
                    }
                    else
                    {
                        Span<T> target = packB.AsSpan((packed % buffers * sizeB) + (kb * kcFull * blocking.NPanels * TKernel.NR));
                        group -= rowPieces;
                        for (int block = group * colGroup, end = Math.Min(blocking.ColBlocks, block + colGroup); block < end; block++)
                        {
                            PackColBlock<T, TKernel>(p, blocking, block, p0, kc, target);
                        }
                    }
                });
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(packA);
            ArrayPool<T>.Shared.Return(packB);
        }
    }

    // Tall-K products (a weight gradient: few outputs, a sum over every sample of the batch) have too few
    // tiles to share out, and one parallel region per K-block would cost more than the arithmetic. Instead
    // K is cut into fixed chunks of kSplit, each chunk's partial product is computed by one thread into its
    // own buffer, and the partials are added to C in chunk order. The chunks depend only on k, never on the
    // thread count, so the result is still bit-identical for any number of threads.
    private static void SplitK<T, TKernel>(Product<T> p, Blocking blocking, int kcFull, int splits, int kSplit, bool parallel)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmKernel<T>
    {
        int m = p.M, n = p.N, size = m * n;
        T[] partial = ArrayPool<T>.Shared.Rent(splits * size);
        try
        {
            For(parallel, splits, s =>
            {
                T[] packA = ArrayPool<T>.Shared.Rent(blocking.MPanels * TKernel.MR * kcFull);
                T[] packB = ArrayPool<T>.Shared.Rent(blocking.NPanels * TKernel.NR * kcFull);
                try
                {
                    int end = Math.Min(p.K, (s + 1) * kSplit);
                    for (int p0 = s * kSplit; p0 < end; p0 += kcFull)
                    {
                        int kc = Math.Min(kcFull, end - p0);
                        for (int block = 0; block < blocking.RowBlocks; block++)
                        {
                            PackRowBlock<T, TKernel>(p, blocking, block, p0, kc, packA);
                        }
                        for (int block = 0; block < blocking.ColBlocks; block++)
                        {
                            PackColBlock<T, TKernel>(p, blocking, block, p0, kc, packB);
                        }
                        for (int tile = 0; tile < blocking.RowBlocks * blocking.ColBlocks; tile++)
                        {
                            // The first K-block of a chunk overwrites its partial product: no clearing needed.
                            MacroTile<T, TKernel>(p, blocking, tile / blocking.ColBlocks, tile % blocking.ColBlocks, kcFull, kc,
                                packA, packB, partial, s * size, n, p0 == s * kSplit);
                        }
                    }
                }
                finally
                {
                    ArrayPool<T>.Shared.Return(packA);
                    ArrayPool<T>.Shared.Return(packB);
                }
            });
            for (int s = 0; s < splits; s++)
            {
                for (int i = 0; i < m; i++)
                {
                    Span<T> row = p.C.AsSpan(p.COffset + (i * p.Ldc), n);
                    ReadOnlySpan<T> part = partial.AsSpan((s * size) + (i * n), n);
                    if (s == 0 && p.Overwrite)
                    {
                        part.CopyTo(row);
                    }
                    else
                    {
                        System.Numerics.Tensors.TensorPrimitives.Add(row, part, row);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<T>.Shared.Return(partial);
        }
    }

    // One macro tile over `depth` of K, K-block by K-block (of kcFull): each B micro-panel (KC×NR) is loaded once
    // and used by every A micro-panel of the row block, which stays in L2 with the C tile. With `overwriteFirst` the
    // first K-block stores α·sum instead of adding it (β = 0: C is neither cleared beforehand nor read).
    private static unsafe void MacroTile<T, TKernel>(
        Product<T> p, Blocking blocking, int rowBlock, int colBlock, int kcFull, int depth,
        ReadOnlySpan<T> packA, ReadOnlySpan<T> packB, T[] c, int cOffset, int ldc, bool overwriteFirst)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmKernel<T>
    {
        int mr = TKernel.MR, nr = TKernel.NR;
        int ip0 = rowBlock * blocking.PanelsPerRowBlock, ipEnd = Math.Min(blocking.MPanels, ip0 + blocking.PanelsPerRowBlock);
        int jp0 = colBlock * blocking.PanelsPerColBlock, jpEnd = Math.Min(blocking.NPanels, jp0 + blocking.PanelsPerColBlock);
        T* edge = stackalloc T[mr * nr];
        fixed (T* pa = packA)
        fixed (T* pb = packB)
        fixed (T* pc0 = c)
        {
            T* pc = pc0 + cOffset;
            for (int p0 = 0; p0 < depth; p0 += kcFull)
            {
                int kc = Math.Min(kcFull, depth - p0);
                bool overwrite = overwriteFirst && p0 == 0;
                T* aBlock = pa + ((long)p0 * blocking.MPanels * mr);
                T* bBlock = pb + ((long)p0 * blocking.NPanels * nr);
                for (int jp = jp0; jp < jpEnd; jp++)
                {
                    T* bPanel = bBlock + ((long)jp * nr * kc);
                    int j0 = jp * nr, cols = Math.Min(nr, p.N - j0);
                    for (int ip = ip0; ip < ipEnd; ip++)
                    {
                        T* aPanel = aBlock + ((long)ip * mr * kc);
                        int i0 = ip * mr, rows = Math.Min(mr, p.M - i0);
                        T* target = pc + ((long)i0 * ldc) + j0;
                        if (rows == mr && cols == nr)
                        {
                            TKernel.Run(aPanel, bPanel, kc, p.Alpha, target, ldc, overwrite);
                            continue;
                        }
                        // Edge tile: compute the full tile into a scratch block, then store or add the valid part.
                        TKernel.Run(aPanel, bPanel, kc, p.Alpha, edge, nr, overwrite: true);
                        for (int r = 0; r < rows; r++)
                        {
                            StoreEdgeRow(edge + (r * nr), target + ((long)r * ldc), cols, overwrite);
                        }
                    }
                }
            }
        }
    }

    // How many items of `work` each to group so that a group has at least `least`, at most all `count`.
    private static int Group(long work, long least, int count) =>
        (int)Math.Clamp((least + Math.Max(work, 1) - 1) / Math.Max(work, 1), 1, Math.Max(count, 1));

    // dst[j] = src[j] (overwrite) or dst[j] += src[j] for j < count; whole vectors first (an edge tile of a
    // 144-column product is half a tile wide, one vector per row).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void StoreEdgeRow<T>(T* src, T* dst, int count, bool overwrite)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int j = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; j + Vector<T>.Count <= count; j += Vector<T>.Count)
            {
                Vector<T> x = Vector.Load(src + j);
                Vector.Store(overwrite ? x : x + Vector.Load(dst + j), dst + j);
            }
        }
        for (; j < count; j++)
        {
            dst[j] = overwrite ? src[j] : dst[j] + src[j];
        }
    }

    private static void For(bool parallel, int pieces, Action<int> body)
    {
        if (parallel)
        {
            ThreadSettings.For(pieces, body);
            return;
        }
        for (int i = 0; i < pieces; i++)
        {
            body(i);
        }
    }
}
