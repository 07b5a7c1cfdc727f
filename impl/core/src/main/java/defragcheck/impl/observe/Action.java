package defragcheck.impl.observe;

/** The spec's actions, one per atomic step an actor of the implementation takes (names as in the spec). */
public enum Action {
    BufferedWrite, DioSubmit, DioComplete, MmapFault, MmapStore, Writeback, Read, ReadFill,
    LockInodes, LockInvalidate, DrainDio, FlushCache, EvictCache, CopyData, SwapExtents, Unlock, MovePage
}
