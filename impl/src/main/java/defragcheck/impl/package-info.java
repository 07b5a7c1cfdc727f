/**
 * The implementation of both defrag protocols over a real device, in the spec's vocabulary.
 *
 * <ul>
 * <li>{@code device}: 4 KiB blocks over O_DIRECT ({@code BlockDevice}); DAX emulated by a memory mapping of the
 * device ({@code DaxWindow}).</li>
 * <li>{@code fs}: inodes, extent maps, allocator, on-device metadata ({@code Superblock}, {@code MetadataStore}: the
 * one place a {@code MetadataTransaction} is applied) and the mounted {@code Filesystem}.</li>
 * <li>{@code cache}: page cache (pages with data, dirty bit and buffer-head block) and user ptes.</li>
 * <li>{@code io}: the actors' paths: buffered, direct (asynchronous), mmap, writeback.</li>
 * <li>{@code lock}: the state monitor every atomic step runs in, inode locks, lock order.</li>
 * <li>{@code defrag}: {@code MoveExtents} with {@code DrainEvictCopySwap} and {@code LegacyMoveExtents}, refusals,
 * whole-file defrag.</li>
 * <li>{@code observe}: block values, self-describing block content, the abstract state, step hooks.</li>
 * </ul>
 *
 * <p>Choices the spec and the conformance mapping must agree with: logical blocks are 0-based and physical blocks
 * are device block numbers; a buffered write, a DIO completion and a write fault turn an unwritten block written at
 * once (so the reader view never shows Zero for a completed write); a read does not fill the page cache; a direct
 * write first writes back and drops a cached page of its block (as the kernel does); the legacy protocol's swaps are
 * committed with the next metadata commit or sync (jbd2 batching), DECS commits its swap at once.
 */
package defragcheck.impl;
