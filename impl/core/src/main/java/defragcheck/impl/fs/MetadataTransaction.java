package defragcheck.impl.fs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * A metadata change that must happen all at once (a jbd2 handle's worth): a list of operations, applied in
 * order by {@link MetadataStore#apply}. Its size is proportional to the extents it touches, never to blocks.
 * The crash-safety work logs exactly these operations as the journal's intent record.
 */
public final class MetadataTransaction {
    /** One metadata operation. */
    public sealed interface Op permits CreateInode, DeleteInode, MapRange, SetSize, Allocate, Free {}

    public record CreateInode(int ino, String name, InodeType type, Set<InodeFlag> flags) implements Op {}

    /** Removes the inode; its blocks must have been freed by earlier {@link Free} operations. */
    public record DeleteInode(int ino) implements Op {}

    /** Logical [from, from+count) of {@code ino} becomes exactly {@code pieces} (holes where none). */
    public record MapRange(int ino, long from, long count, List<Extent> pieces) implements Op {}

    public record SetSize(int ino, long sizeBlocks) implements Op {}

    public record Allocate(long start, long count) implements Op {}

    public record Free(long start, long count) implements Op {}

    private final List<Op> ops = new ArrayList<>();

    public MetadataTransaction add(Op op) {
        ops.add(op);
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
