/**
 * The implementation of both defrag protocols over a real device, in the spec's vocabulary.
 *
 * <ul>
 * <li>{@code device}: 4 KiB blocks over O_DIRECT ({@code BlockDevice} over a {@code BlockStore}: the image file, or
 * an image in memory for crash exploration); DAX emulated by a memory mapping of the device ({@code DaxWindow});
 * every block written and every flush is reported to the observer's {@code StepHook} (crash exploration).</li>
 * <li>{@code fs}: inodes, extent maps, allocator, on-device metadata ({@code Superblock}, {@code MetadataStore}: the
 * one place a {@code MetadataTransaction} is applied; {@code Journal}: the write-ahead journal its commits go
 * through, replayed at open, written by group commit outside the metadata lock) and the mounted {@code Filesystem}
 * with its parts: {@code Namespace} (names, inode table), {@code Transactions} (the metadata lock and the one commit
 * verb, with a {@code Durability}), {@code Space} (allocation, fallocate, truncate, unwritten conversion, extents).</li>
 * <li>{@code cache}: page cache (pages with data, dirty bit and buffer-head block) and user ptes.</li>
 * <li>{@code io}: the actors' paths: buffered, direct (asynchronous), mmap, writeback.</li>
 * <li>{@code lock}: the kernel's per-inode locks (rw_semaphore for i_rwsem and invalidate_lock, i_dio_count with
 * inode_dio_wait) and the lock order of two inodes; the whole order is documented at {@code fs.Inode}.</li>
 * <li>{@code defrag}: {@code MoveExtents} with {@code DrainEvictCopySwap} and {@code LegacyMoveExtents}, refusals,
 * whole-file defrag.</li>
 * <li>{@code observe}: block values, self-describing block content and its check, the one instrumentation interface
 * ({@code StepHook}: each step's linearization point, the device's writes and flushes; a no-op in production).</li>
 * </ul>
 *
 * <p>Choices the spec and the conformance mapping must agree with: logical blocks are 0-based and physical blocks
 * are device block numbers; a buffered write, a DIO completion and a write fault turn an unwritten block written at
 * once (so the reader view never shows Zero for a completed write); a read fills the page cache only through
 * {@code readFill} (the spec's ReadFill); a direct write's completion drops and unmaps a cached page of its block
 * (the spec's DioComplete); the legacy protocol's swaps are
 * committed with the next metadata commit or sync (jbd2 batching), DECS commits its swap at once.
 *
 * <p>Crash safety: every commit is an intent record, a flush (the barrier: the intent and every data write issued
 * before it, such as a defrag's copy, are durable), a commit record and a flush; so a defrag's swap is durable before
 * it unlocks, and a crash leaves either the old or the new mapping of the whole request. sync(2) commits but does not
 * checkpoint (the journal may hold the only record of a transaction); unmount checkpoints. A checkpoint writes the
 * home slot, a flush, then the journal's checkpoint record naming its generation: opening never settles for an older
 * slot unless it and the journal reach that generation, and a single flipped bit or torn sector is refused or
 * harmless (checksums over every byte that decides what is read, commit and checkpoint records written twice).
 */
package defragcheck.impl;
