package defragcheck.impl.device;

import defragcheck.impl.observe.StepHook;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.sun.nio.file.ExtendedOpenOption;

/**
 * A device of 4 KiB blocks: an image file or a block device (e.g. a loop device), opened with O_DIRECT.
 * All I/O is positional, so several threads may read and write at once (queue depth above one).
 * Durability comes only from {@link #force()}: O_DIRECT writes may still sit in the disk's write cache.
 */
public final class BlockDevice implements AutoCloseable {
    public static final int BLOCK_SIZE = 4096;

    private final Path path;
    private final DeviceAccess access;
    private final BlockStore store;
    private final long blocks;
    private final ThreadLocal<ByteBuffer> scratch = ThreadLocal.withInitial(() -> AlignedBuffers.allocate(BLOCK_SIZE));
    private DaxWindow daxWindow;
    /** Told of every block written and every flush (instrumentation; {@link StepHook#NONE} in production). */
    private volatile StepHook recorder = StepHook.NONE;

    private BlockDevice(Path path, DeviceAccess access, BlockStore store, long blocks) {
        this.path = path;
        this.access = access;
        this.store = store;
        this.blocks = blocks;
    }

    /** A device over another store of {@code blocks} blocks (crash exploration: an image in memory); no DAX window. */
    public static BlockDevice over(Path name, BlockStore store, long blocks) {
        return new BlockDevice(name, DeviceAccess.BUFFERED, store, blocks);
    }

    /**
     * From now on every block written and every flush is reported to {@code r} (null: none): one call per block, after
     * the write completed, so a large write can be persisted in part; a flush after it completed, so a write reported
     * before a flush is durable. (A write racing a flush in another thread may be reported after it, which only makes
     * the observer assume less durability than there is.)
     */
    public void observe(StepHook r) {
        recorder = r == null ? StepHook.NONE : r;
    }

    /**
     * Creates or truncates an image file of {@code blocks} blocks; its content is written by the formatter. A symbolic
     * link is never followed: the image is the file at {@code image} itself.
     */
    public static BlockDevice createImage(Path image, long blocks, DeviceAccess access) throws IOException {
        if (Files.exists(image, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException(image + ": exists and is not a regular file; format a block device with open()");
        }
        return sized(image, blocks, access, openChannel(image, access, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS));
    }

    /**
     * Creates a new image file of {@code blocks} blocks, atomically refusing ({@link FileAlreadyExistsException}) if
     * anything, a dangling symbolic link included, is at {@code image}: a file planted after the caller's check is
     * never overwritten and nothing is written through a link.
     */
    public static BlockDevice createNewImage(Path image, long blocks, DeviceAccess access) throws IOException {
        return sized(image, blocks, access, openChannel(image, access, StandardOpenOption.CREATE_NEW, LinkOption.NOFOLLOW_LINKS));
    }

    private static BlockDevice sized(Path image, long blocks, DeviceAccess access, FileChannel ch) throws IOException {
        try {
            ch.write(AlignedBuffers.allocate(BLOCK_SIZE), (blocks - 1) * BLOCK_SIZE); // sets the size; the formatter fills the rest
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        return new BlockDevice(image, access, new FileBlockStore(ch), blocks);
    }

    /** Opens an existing image file or block device; its size must be a whole number of blocks. */
    public static BlockDevice open(Path device, DeviceAccess access) throws IOException {
        if (!Files.exists(device)) {
            throw new IOException(device + ": no such image or device");
        }
        FileChannel ch = openChannel(device, access);
        long size = ch.size();
        if (size < BLOCK_SIZE || size % BLOCK_SIZE != 0) {
            ch.close();
            throw new IOException(device + ": size " + size + " is not a positive multiple of " + BLOCK_SIZE);
        }
        return new BlockDevice(device, access, new FileBlockStore(ch), size / BLOCK_SIZE);
    }

    private static FileChannel openChannel(Path p, DeviceAccess access, OpenOption... extra) throws IOException {
        List<OpenOption> options = new ArrayList<>(List.of(StandardOpenOption.READ, StandardOpenOption.WRITE));
        options.addAll(List.of(extra));
        if (access == DeviceAccess.DIRECT) {
            options.add(ExtendedOpenOption.DIRECT);
        }
        try {
            return FileChannel.open(p, options.toArray(new OpenOption[0]));
        } catch (UnsupportedOperationException e) {
            throw new DirectIoRefusedException(p.toString(), e);
        } catch (FileSystemException e) {
            throw OpenFailure.explained(p, access == DeviceAccess.DIRECT, e);
        }
    }

    public Path path() {
        return path;
    }

    public DeviceAccess access() {
        return access;
    }

    public long blocks() {
        return blocks;
    }

    /** Reads {@code dst.remaining()} bytes (whole blocks) starting at {@code block}. */
    public void read(long block, ByteBuffer dst) throws IOException {
        checkRange(block, dst.remaining());
        long pos = block * BLOCK_SIZE;
        while (dst.hasRemaining()) {
            int n = store.read(dst, pos);
            if (n < 0) {
                throw new IOException(path + ": unexpected end of device at byte " + pos);
            }
            pos += n;
        }
    }

    /** Writes {@code src.remaining()} bytes (whole blocks) starting at {@code block}. */
    public void write(long block, ByteBuffer src) throws IOException {
        checkRange(block, src.remaining());
        ByteBuffer written = src.duplicate();
        long pos = block * BLOCK_SIZE;
        while (src.hasRemaining()) {
            pos += store.write(src, pos);
        }
        StepHook r = recorder;
        if (r != StepHook.NONE) { // production: no copies
            for (long b = block; written.hasRemaining(); b++) {
                byte[] copy = new byte[BLOCK_SIZE];
                written.get(copy);
                r.deviceWritten(b, copy);
            }
        }
    }

    /** One block into a fresh heap array (through a per-thread aligned buffer). */
    public byte[] readBlock(long block) throws IOException {
        ByteBuffer buf = scratch.get().clear();
        read(block, buf);
        byte[] out = new byte[BLOCK_SIZE];
        buf.flip().get(out);
        return out;
    }

    public void writeBlock(long block, byte[] data) throws IOException {
        ByteBuffer buf = scratch.get().clear();
        buf.put(data, 0, BLOCK_SIZE).flip();
        write(block, buf);
    }

    /** Makes every completed write durable (fsync of the image or device). */
    public void force() throws IOException {
        store.force();
        StepHook r = recorder;
        if (r != StepHook.NONE) { // production: no copies
            r.deviceFlushed();
        }
    }

    /** The byte-addressable mapping that stands in for persistent memory (created on first use). */
    public synchronized DaxWindow daxWindow() throws IOException {
        if (!(store instanceof FileBlockStore)) {
            throw new UnsupportedOperationException(path + ": an in-memory device has no DAX window");
        }
        if (daxWindow == null) {
            daxWindow = DaxWindow.map(this, blocks);
        }
        return daxWindow;
    }

    private void checkRange(long block, int bytes) {
        if (bytes % BLOCK_SIZE != 0 || block < 0 || block + bytes / BLOCK_SIZE > blocks) {
            throw new IllegalArgumentException("I/O of " + bytes + " bytes at block " + block + " outside device of " + blocks + " blocks");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (daxWindow != null) {
            daxWindow.close();
            daxWindow = null;
        }
        store.close();
    }

    /** A store through the DAX window, reported like a write (a store reaches the media at the next flush). */
    void recordStore(long block, byte[] data) {
        StepHook r = recorder;
        if (r != StepHook.NONE) { // production: no copies
            r.deviceWritten(block, data.clone());
        }
    }
}
