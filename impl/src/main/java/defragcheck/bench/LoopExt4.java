package defragcheck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fresh ext4 filesystem on an image file attached with {@code losetup --direct-io=on} and
 * mounted: the home of the e4defrag peer. It owns exactly the loop device {@code losetup -f --show}
 * returned and detaches only that one, on close and on any failure while being built.
 */
public final class LoopExt4 implements AutoCloseable {
    private static final List<String> TOOLS = List.of("losetup", "mkfs.ext4", "mount", "umount", "e4defrag", "filefrag", "fallocate", "sync");

    private final Path dir;
    private final Path image;
    private final Path mountPoint;
    /** Unmounts and detaches even when the JVM is stopped by a signal, where finally blocks do not run. */
    private final Thread onShutdown = new Thread(this::closeAtShutdown, "loop-ext4-cleanup");
    private String device;
    private boolean mounted;

    private LoopExt4(Path dir) {
        this.dir = dir;
        this.image = dir.resolve("ext4.img");
        this.mountPoint = dir.resolve("mnt");
    }

    /** Why this machine cannot host the leg (not root, no loop devices, a tool missing), or empty if it can. */
    public static Optional<String> unavailableReason() {
        if (!System.getProperty("os.name", "").toLowerCase().contains("linux")) {
            return Optional.of("not Linux");
        }
        try {
            boolean root = Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.matches("Uid:\\s+\\d+\\s+0\\s.*"));
            if (!root) {
                return Optional.of("not root");
            }
        } catch (IOException e) {
            return Optional.of("cannot read /proc/self/status");
        }
        if (!Files.isWritable(Path.of("/dev/loop-control"))) {
            return Optional.of("/dev/loop-control is not writable");
        }
        for (String tool : TOOLS) {
            if (!ExternalTool.onPath(tool)) {
                return Optional.of(tool + " is not installed");
            }
        }
        return Optional.empty();
    }

    /** Writes an image of {@code imageBytes} in the new directory {@code dir}, attaches, formats and mounts it. */
    public static LoopExt4 create(Path dir, long imageBytes) throws IOException {
        Files.createDirectories(dir);
        LoopExt4 fs = new LoopExt4(dir);
        Runtime.getRuntime().addShutdownHook(fs.onShutdown);
        try {
            // Written through, not sparse: the host's first-write allocation must not be timed later.
            DirectFile.zeroFill(fs.image, imageBytes);
            fs.device = attach(fs.image);
            ExternalTool.run("mkfs.ext4", "-q", "-F", "-b", "4096", "-E", "lazy_itable_init=0,lazy_journal_init=0", fs.device);
            Files.createDirectories(fs.mountPoint);
            fs.mount();
            return fs;
        } catch (IOException | RuntimeException e) {
            fs.closeQuietly(e);
            throw e;
        }
    }

    private static String attach(Path image) throws IOException {
        try {
            return ExternalTool.run("losetup", "-f", "--show", "--direct-io=on", image.toString()).strip();
        } catch (IOException raced) {
            // Another process may have taken the free device between lookup and attach: retry once.
            return ExternalTool.run("losetup", "-f", "--show", "--direct-io=on", image.toString()).strip();
        }
    }

    private void mount() throws IOException {
        ExternalTool.run("mount", "-o", "noatime", device, mountPoint.toString());
        mounted = true;
    }

    private void umount() throws IOException {
        if (mounted) {
            ExternalTool.run("umount", mountPoint.toString());
            mounted = false;
        }
    }

    /**
     * When a file in the mount is still open (a thread, or an e4defrag child, mid-run at JVM exit)
     * umount says busy: detach the mount lazily instead; the loop device detached after it then
     * goes away by itself (autoclear) once its last user is gone.
     */
    private void umountEvenIfBusy() throws IOException {
        try {
            umount();
        } catch (IOException busy) {
            ExternalTool.run("umount", "--lazy", mountPoint.toString());
            mounted = false;
        }
    }

    /** Unmounts and mounts again, which drops every cached page of the filesystem: the next access is cold. */
    public void remount() throws IOException {
        umount();
        mount();
    }

    /** Makes everything written so far durable (sync -f on the filesystem). */
    public void sync() throws IOException {
        ExternalTool.run("sync", "-f", mountPoint.toString());
    }

    /**
     * ext4's reserve of free clusters kept back from ordinary allocation (for metadata of
     * unwritten-extent conversion and the like); /sys/fs/ext4/DEV/reserved_clusters.
     */
    public long reservedClusters() throws IOException {
        return Long.parseLong(Files.readString(reservedClustersFile()).strip());
    }

    public void setReservedClusters(long clusters) throws IOException {
        Files.writeString(reservedClustersFile(), Long.toString(clusters));
    }

    private Path reservedClustersFile() {
        return Path.of("/sys/fs/ext4", Path.of(device).getFileName().toString(), "reserved_clusters");
    }

    public Path mountPoint() {
        return mountPoint;
    }

    public Path image() {
        return image;
    }

    /** Whether the kernel reports direct I/O on for the loop device (it falls back silently otherwise). */
    public boolean loopDirectIo() {
        try {
            Path dio = Path.of("/sys/block", Path.of(device).getFileName().toString(), "loop", "dio");
            return Files.readString(dio).strip().equals("1");
        } catch (IOException e) {
            return false;
        }
    }

    /** Unmounts, detaches the loop device this object attached, and deletes the image and directories. */
    @Override
    public synchronized void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(onShutdown);
        } catch (IllegalStateException shuttingDown) {
            // the hook itself is running close()
        }
        List<IOException> failures = new ArrayList<>();
        try {
            umountEvenIfBusy();
        } catch (IOException e) {
            failures.add(e);
        }
        if (device != null && !mounted) {
            try {
                ExternalTool.run("losetup", "-d", device);
                device = null;
            } catch (IOException e) {
                failures.add(e);
            }
        }
        if (device == null) {
            Files.deleteIfExists(image);
            Files.deleteIfExists(mountPoint);
            Files.deleteIfExists(dir);
        }
        if (!failures.isEmpty()) {
            IOException first = failures.get(0);
            failures.stream().skip(1).forEach(first::addSuppressed);
            throw first;
        }
    }

    private void closeAtShutdown() {
        try {
            close();
        } catch (IOException e) {
            System.err.println("loop ext4 cleanup at exit failed: " + e.getMessage());
        }
    }

    private void closeQuietly(Exception cause) {
        try {
            close();
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
