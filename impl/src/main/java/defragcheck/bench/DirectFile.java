package defragcheck.bench;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** O_DIRECT file access with aligned buffers: how every leg of the benchmark touches data. */
public final class DirectFile {
    /** Java checks O_DIRECT alignment against 4 KiB here even where the device's logical block is 512 B. */
    public static final int ALIGN = 4096;
    public static final int MIB = 1 << 20;

    private DirectFile() {}

    public static FileChannel open(Path path, boolean create) throws IOException {
        return create
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE, ExtendedOpenOption.DIRECT)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
    }

    /** A direct buffer of {@code bytes} (a multiple of 4 KiB) whose address is 4 KiB aligned. */
    public static ByteBuffer aligned(int bytes) {
        if (bytes <= 0 || bytes % ALIGN != 0) {
            throw new IllegalArgumentException("buffer size must be a positive multiple of " + ALIGN + ": " + bytes);
        }
        // alignedSlice rounds the capacity down, hence the extra ALIGN.
        ByteBuffer b = ByteBuffer.allocateDirect(bytes + ALIGN).alignedSlice(ALIGN);
        return b.limit(bytes);
    }

    /** Writes the whole range (a full buffer at a 4 KiB-aligned offset), looping over short writes. */
    public static void writeFully(FileChannel ch, ByteBuffer buf, long offset) throws IOException {
        long at = offset;
        while (buf.hasRemaining()) {
            at += ch.write(buf, at);
        }
    }

    /** Reads the whole range, looping over short reads; a read past the end is an error. */
    public static void readFully(FileChannel ch, ByteBuffer buf, long offset) throws IOException {
        long at = offset;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, at);
            if (n < 0) {
                throw new IOException("unexpected end of data at byte " + at);
            }
            at += n;
        }
    }

    /** Creates (or overwrites) {@code path} with {@code bytes} of zeros, written and forced, never sparse. */
    public static void zeroFill(Path path, long bytes) throws IOException {
        try (FileChannel ch = open(path, true)) {
            ByteBuffer zeros = aligned(MIB);
            for (long at = 0; at < bytes; at += MIB) {
                zeros.clear().limit((int) Math.min(MIB, bytes - at));
                writeFully(ch, zeros, at);
            }
            ch.truncate(bytes);
            ch.force(true);
        }
    }

    /** Writes blocks 0..bytes/4K-1 of {@code file} at {@code generation} in BlockPattern form from offset 0, then forces. */
    public static void writePattern(Path path, long file, long bytes, long generation) throws IOException {
        try (FileChannel ch = open(path, true)) {
            ByteBuffer buf = aligned(MIB);
            for (long at = 0; at < bytes; at += MIB) {
                int n = (int) Math.min(MIB, bytes - at);
                buf.clear().limit(n);
                for (long lb = at / BlockPattern.BLOCK; buf.hasRemaining(); lb++) {
                    BlockPattern.fill(buf, file, lb, generation);
                }
                buf.flip();
                writeFully(ch, buf, at);
            }
            ch.force(true);
        }
    }

    /** Reads {@code path} back and classifies every block with {@code expected}. */
    public static PatternCheck verify(Path path, long bytes, BlockCheck expected) throws IOException {
        PatternCheck check = new PatternCheck();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, ExtendedOpenOption.DIRECT)) {
            if (ch.size() != bytes) {
                throw new IOException(path + " has " + ch.size() + " bytes, expected " + bytes);
            }
            ByteBuffer buf = aligned(MIB);
            for (long at = 0; at < bytes; at += MIB) {
                buf.clear().limit((int) Math.min(MIB, bytes - at));
                readFully(ch, buf, at);
                buf.flip();
                for (long lb = at / BlockPattern.BLOCK; buf.hasRemaining(); lb++) {
                    check.add(lb, expected.check(buf, lb));
                }
            }
        }
        return check;
    }
}
