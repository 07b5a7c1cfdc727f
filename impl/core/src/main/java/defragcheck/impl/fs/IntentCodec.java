package defragcheck.impl.fs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A transaction's operations as bytes: the payload of a journal intent record. Logical (redo) logging: replaying
 * the operations in order through {@link MetadataStore#apply} on the previous checkpoint reproduces the commit.
 *
 * <p>Encoding (big-endian): operation count (4), then per operation a tag (1) and its fields: 1 CreateInode {ino 4,
 * type 1, flags 1, name length 2, name}; 2 DeleteInode {ino 4}; 3 MapRange {ino 4, from 8, count 8, piece count 4,
 * pieces {lblock 8, pblock 8, length|unwritten<<31 4}}; 4 SetSize {ino 4, blocks 8}; 5 Allocate and 6 Free {start
 * 8, count 8}.
 */
final class IntentCodec {
    private IntentCodec() {}

    static ByteBuffer encode(MetadataTransaction txn) {
        int bytes = 4;
        for (MetadataTransaction.Op op : txn.ops()) {
            bytes += 1 + size(op);
        }
        ByteBuffer b = ByteBuffer.allocate(bytes);
        b.putInt(txn.ops().size());
        for (MetadataTransaction.Op op : txn.ops()) {
            if (op instanceof MetadataTransaction.CreateInode c) {
                byte[] name = c.name().getBytes(StandardCharsets.UTF_8);
                b.put((byte) 1).putInt(c.ino()).put((byte) c.type().ordinal()).put(MetadataStore.flagBits(c.flags()))
                        .putShort((short) name.length).put(name);
            } else if (op instanceof MetadataTransaction.DeleteInode d) {
                b.put((byte) 2).putInt(d.ino());
            } else if (op instanceof MetadataTransaction.MapRange m) {
                b.put((byte) 3).putInt(m.ino()).putLong(m.from()).putLong(m.count()).putInt(m.pieces().size());
                for (Extent e : m.pieces()) {
                    b.putLong(e.lblock()).putLong(e.pblock()).putInt((int) e.length() | (e.unwritten() ? 0x80000000 : 0));
                }
            } else if (op instanceof MetadataTransaction.SetSize s) {
                b.put((byte) 4).putInt(s.ino()).putLong(s.sizeBlocks());
            } else if (op instanceof MetadataTransaction.Allocate a) {
                b.put((byte) 5).putLong(a.start()).putLong(a.count());
            } else if (op instanceof MetadataTransaction.Free f) {
                b.put((byte) 6).putLong(f.start()).putLong(f.count());
            }
        }
        return b.flip();
    }

    private static int size(MetadataTransaction.Op op) {
        if (op instanceof MetadataTransaction.CreateInode c) {
            return 4 + 1 + 1 + 2 + c.name().getBytes(StandardCharsets.UTF_8).length;
        } else if (op instanceof MetadataTransaction.MapRange m) {
            return 4 + 8 + 8 + 4 + m.pieces().size() * Superblock.EXTENT_BYTES;
        } else if (op instanceof MetadataTransaction.DeleteInode) {
            return 4;
        } else if (op instanceof MetadataTransaction.SetSize) {
            return 12;
        }
        return 16;
    }

    /** The transaction in {@code b}; a malformed payload is an {@link IllegalArgumentException}. */
    static MetadataTransaction decode(ByteBuffer b) {
        try {
            MetadataTransaction txn = new MetadataTransaction();
            int n = b.getInt();
            for (int i = 0; i < n; i++) {
                byte tag = b.get();
                switch (tag) {
                    case 1 -> {
                        int ino = b.getInt();
                        InodeType type = InodeType.values()[b.get()];
                        byte flags = b.get();
                        byte[] name = new byte[b.getShort()];
                        b.get(name);
                        txn.add(new MetadataTransaction.CreateInode(ino, new String(name, StandardCharsets.UTF_8), type, MetadataStore.flagsOf(flags)));
                    }
                    case 2 -> txn.add(new MetadataTransaction.DeleteInode(b.getInt()));
                    case 3 -> {
                        int ino = b.getInt();
                        long from = b.getLong();
                        long count = b.getLong();
                        int pieces = b.getInt();
                        List<Extent> list = new ArrayList<>();
                        for (int k = 0; k < pieces; k++) {
                            long l = b.getLong();
                            long p = b.getLong();
                            int len = b.getInt();
                            list.add(new Extent(l, p, len & 0x7fffffff, len < 0));
                        }
                        txn.add(new MetadataTransaction.MapRange(ino, from, count, list));
                    }
                    case 4 -> txn.add(new MetadataTransaction.SetSize(b.getInt(), b.getLong()));
                    case 5 -> txn.add(new MetadataTransaction.Allocate(b.getLong(), b.getLong()));
                    case 6 -> txn.add(new MetadataTransaction.Free(b.getLong(), b.getLong()));
                    default -> throw new IllegalArgumentException("unknown operation tag " + tag);
                }
            }
            if (b.hasRemaining()) {
                throw new IllegalArgumentException(b.remaining() + " bytes after the last operation");
            }
            return txn;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed intent (" + e + ")", e);
        }
    }
}
