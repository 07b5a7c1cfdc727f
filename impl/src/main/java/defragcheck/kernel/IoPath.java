package defragcheck.kernel;

import java.io.IOException;

import defragcheck.kernel.sys.AlignedBuffer;

/**
 * The three ways user space writes and reads a block: buffered (pwrite/pread through the page cache), O_DIRECT
 * (straight to and from the blocks, after the kernel writes back and invalidates the range) and mmap (CPU stores
 * and loads on a shared mapping; a store to a clean or write-protected page faults into page_mkwrite first).
 */
public enum IoPath {
    BUFFERED, DIRECT, MMAP;

    /** Writes {@code content} to block {@code block}; {@code buf} is the caller's own aligned block buffer. */
    public void write(TestFile f, int block, byte[] content, AlignedBuffer buf) throws IOException {
        switch (this) {
            case BUFFERED -> {
                buf.put(content, 0);
                f.buffered().pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
            }
            case DIRECT -> {
                buf.put(content, 0);
                f.direct().pwrite(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
            }
            case MMAP -> f.mapping().store(TestFile.offset(block), content);
        }
    }

    public byte[] read(TestFile f, int block, AlignedBuffer buf) throws IOException {
        switch (this) {
            case BUFFERED -> readFully(f.buffered(), block, buf);
            case DIRECT -> readFully(f.direct(), block, buf);
            case MMAP -> {
                return f.mapping().load(TestFile.offset(block), BlockContent.BLOCK);
            }
        }
        return buf.get(0, BlockContent.BLOCK);
    }

    private static void readFully(defragcheck.kernel.sys.Fd fd, int block, AlignedBuffer buf) throws IOException {
        int n = fd.pread(buf.pointer(), BlockContent.BLOCK, TestFile.offset(block));
        if (n != BlockContent.BLOCK) {
            throw new IOException("short read of block " + block + " of " + fd.path() + ": " + n);
        }
    }

    public String label() {
        return name().toLowerCase();
    }
}
