package defragcheck.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import defragcheck.impl.cache.PageKey;
import defragcheck.impl.defrag.DefragOptions;
import defragcheck.impl.defrag.LegacyMoveExtents;
import defragcheck.impl.defrag.MoveExtentRequest;
import defragcheck.impl.defrag.MoveExtents;
import defragcheck.impl.defrag.Protocol;
import defragcheck.impl.device.BlockDevice;
import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.fs.InodeFlag;
import defragcheck.impl.fs.Superblock;
import defragcheck.impl.io.DirectIo;
import defragcheck.impl.observe.BlockPayload;
import defragcheck.impl.observe.StepHook;

/**
 * The implementation set up as a model's initial state, over an image file opened with O_DIRECT (DAX files go
 * through the device mapping): the model's files in address order (inode numbers ascending), each orig holding
 * written zeros, each donor-only file fallocated (unwritten over the image's stale content, the spec's Garbage),
 * one mover per defrag parked in a {@link DefragGate} (or, ungated, left to the caller's threads). Its operations
 * are the spec's actions, one call each. Every step the implementation takes is logged in {@link #log()}.
 */
public final class ImplRig implements AutoCloseable {
    static final String WRITER = "writer";
    static final int WRITER_ID = 1;
    /** Data blocks beyond the files' own: the image stays small because every snapshot reads all of it. */
    private static final long SPARE_BLOCKS = 8;

    private final ModelConstants constants;
    private final Path image;
    private final Filesystem fs;
    private final Map<String, Inode> files = new LinkedHashMap<>();
    private final Map<Integer, String> fileOfIno = new HashMap<>();
    private final List<MoveExtents> movers = new ArrayList<>();
    private final Map<Long, Integer> specBlockOf = new HashMap<>();
    private final List<DirectIo.DioRecord> inFlight = new ArrayList<>();
    private final DefragGate gate = new DefragGate();
    private final EventLog log = new EventLog(this);
    private final WriteGhost ghost = new WriteGhost();
    private int issued;
    private static final Map<String, Path> TEMPLATES = new HashMap<>();

    /** Makes a defrag's mover: {@link MoveExtents#create}, or a verification variant ({@code conformance.crash.PerBlockSwap}). */
    @FunctionalInterface
    public interface Movers {
        MoveExtents create(Protocol protocol, MoveExtentRequest req, DefragOptions opts) throws IOException;
    }

    private ImplRig(ModelConstants c, Path dir, Set<RemovableStep> removed, boolean gated, Movers makeMover) throws IOException {
        if (!removed.isEmpty() && !c.decs()) {
            throw new IllegalArgumentException("only drain-evict-copy-swap has removable steps, not " + c.protocol());
        }
        this.constants = c;
        this.image = Files.createTempFile(dir, "conformance-", ".img");
        Files.copy(template(c, dir), image, StandardCopyOption.REPLACE_EXISTING);
        this.fs = Filesystem.open(image);
        try {
            setUp(c, gated, removed.isEmpty() ? makeMover : (p, req, opts) -> new DecsWithoutStep(req, opts, removed));
        } catch (IOException | RuntimeException e) {
            fs.close();
            throw e;
        }
    }

    /**
     * A fresh image in {@code dir} in the model's initial state; the defrags are {@link DecsWithoutStep} if
     * {@code removed} names DECS steps (teeth tests, see {@link ModelAblations}).
     */
    public static ImplRig create(ModelConstants c, Path dir, Set<RemovableStep> removed) throws IOException {
        Files.createDirectories(dir);
        return new ImplRig(c, dir, removed, true, MoveExtents::create);
    }

    /** The same with the defrags' movers made by {@code makeMover}. */
    public static ImplRig create(ModelConstants c, Path dir, Movers makeMover) throws IOException {
        Files.createDirectories(dir);
        return new ImplRig(c, dir, Set.of(), true, makeMover);
    }

    /** The same, but the defrags are not started: a caller runs them in threads of its own ({@link LoggedRun}). */
    public static ImplRig createUngated(ModelConstants c, Path dir, Set<RemovableStep> removed) throws IOException {
        Files.createDirectories(dir);
        return new ImplRig(c, dir, removed, false, MoveExtents::create);
    }

    /**
     * The model's initial image, made once per JVM and layout and copied for every rig (formatting costs a few
     * fsyncs): the files in address order, origs written with zeros, donor-only files fallocated.
     */
    private static synchronized Path template(ModelConstants c, Path dir) throws IOException {
        String key = c.files() + "/" + c.origs() + "/" + c.lblocks() + "/" + c.dax();
        Path t = TEMPLATES.get(key);
        if (t != null && Files.exists(t)) {
            return t;
        }
        t = Files.createTempFile(dir, "template-", ".img");
        long data = c.files().size() * (long) c.lblocks() + SPARE_BLOCKS;
        long blocks = Superblock.forDevice(data + 128, Filesystem.MAX_INODES).dataStart() + data; // metadata < 128 blocks
        byte[] zeros = new byte[BlockDevice.BLOCK_SIZE];
        try (Filesystem f = Filesystem.format(t, blocks)) {
            for (String name : c.files()) {
                Inode inode = c.dax() ? f.names().create(name, InodeFlag.DAX) : f.names().create(name);
                f.space().fallocateContiguous(inode, 0, c.lblocks());
                if (c.origs().contains(name)) {
                    for (long lb = 0; lb < c.lblocks(); lb++) {
                        f.direct().write("setup", inode, lb, zeros);
                    }
                }
            }
        }
        t.toFile().deleteOnExit();
        TEMPLATES.put(key, t);
        return t;
    }

    private void setUp(ModelConstants c, boolean gated, Movers makeMover) throws IOException {
        int index = 0;
        for (String name : c.files()) {
            Inode inode = fs.names().lookup(name);
            long first = fs.space().extents(inode).get(0).pblock();
            for (int lb = 0; lb < c.lblocks(); lb++) {
                specBlockOf.put(first + lb, index * c.lblocks() + lb + 1);
            }
            files.put(name, inode);
            fileOfIno.put(inode.ino(), name);
            index++;
        }
        StepHook observers = StepHook.both(log, ghost);
        fs.setHook(gated ? StepHook.both(gate, observers) : observers);
        int d = 1;
        for (ModelConstants.Defrag df : c.defrags()) {
            DefragOptions opts = new DefragOptions(String.valueOf(d++), 1);
            MoveExtentRequest req = new MoveExtentRequest(files.get(df.orig()), files.get(df.donor()), 0, 0, c.lblocks());
            MoveExtents m = makeMover.create(c.protocol(), req, opts);
            movers.add(m);
            if (gated) {
                gate.start(m);
            }
        }
    }

    public ModelConstants constants() {
        return constants;
    }


    public Filesystem fs() {
        return fs;
    }

    public Inode file(String name) {
        return files.get(name);
    }

    public int issued() {
        return issued;
    }

    // ---- the spec's actions (lblock arguments are the spec's, 1-based) -------------------------------------

    /** BufferedWrite of the next write number; with DAX the spec's DaxWrite (ext4_dax_write_iter, buffered or direct). */
    public void bufferedWrite(String f, int lb) throws IOException {
        int w = ++issued;
        fs.buffered().write(WRITER, file(f), lb - 1, payload(f, lb, w));
    }

    public DirectIo.DioRecord dioSubmit(String f, int lb) throws IOException {
        int w = ++issued;
        DirectIo.DioRecord r = fs.direct().submit(WRITER, file(f), lb - 1, payload(f, lb, w));
        inFlight.add(r);
        return r;
    }

    public void dioComplete(DirectIo.DioRecord r) throws IOException {
        inFlight.remove(r);
        fs.direct().complete(r);
    }

    /** The in-flight direct write to {@code <<f, lb>>} carrying write number {@code w}, or null. */
    public DirectIo.DioRecord inFlight(String f, int lb, int w) {
        for (DirectIo.DioRecord r : inFlight) {
            if (r.inode() == file(f) && r.lblock() == lb - 1
                    && BlockPayload.decode(r.data()) instanceof defragcheck.impl.observe.BlockValue.Written v && v.seq() == w) {
                return r;
            }
        }
        return null;
    }

    public List<DirectIo.DioRecord> inFlight() {
        return List.copyOf(inFlight);
    }

    /** MmapFault; with DAX the spec's DaxFault. */
    public void mmapFault(String f, int lb) throws IOException {
        fs.mmap().fault(WRITER, file(f), lb - 1);
    }

    /** MmapStore (with DAX the spec's DaxStore) of the next write number; false (nothing issued) if there is no writable pte. */
    public boolean mmapStore(String f, int lb) throws IOException {
        boolean stored = fs.mmap().store(WRITER, file(f), lb - 1, payload(f, lb, issued + 1));
        if (stored) {
            issued++;
        }
        return stored;
    }

    public void readFill(String f, int lb) throws IOException {
        fs.buffered().readFill("reader", file(f), lb - 1);
    }

    /** Writeback of one page; false if it was not dirty. */
    public boolean writeback(String f, int lb) throws IOException {
        return fs.writeback().writebackPage("flusher", new PageKey(file(f).ino(), lb - 1));
    }

    /**
     * The next step of defrag {@code d} (1-based), run to its end by its own thread; for a replay of the spec's
     * steps, where the step is enabled: a step that blocks is a difference from the spec.
     */
    public void defragStep(int d) throws IOException {
        gate.stepToEnd(String.valueOf(d));
    }

    /** Lets defrag {@code d}'s next step go; returns once it is over or observed blocked (see {@link DefragGate}). */
    Blocking.Outcome tryDefragStep(int d) throws IOException {
        return gate.step(String.valueOf(d));
    }

    /** Reads every block of every file and logs what it read: only while no actor runs (see {@link EventLog#observeRead}). */
    public void observeEveryBlock() throws IOException {
        for (String name : constants.files()) {
            Inode f = file(name);
            for (long lb = 0; lb < constants.lblocks(); lb++) {
                log.observeRead(f.ino(), lb, fs.dataPath().readerView(f, lb));
            }
        }
    }

    /** The spec's ghost lastWrite of this rig's run. */
    public WriteGhost ghost() {
        return ghost;
    }

    /** The events of every step taken on this rig so far, in the order they took effect. */
    public EventLog log() {
        return log;
    }

    /** Whether defrag {@code d}'s last step was observed blocked and has not ended since. */
    boolean defragBlocked(int d) {
        return gate.blocked(String.valueOf(d));
    }

    public MoveExtents mover(int d) {
        return movers.get(d - 1);
    }

    public List<MoveExtents> movers() {
        return List.copyOf(movers);
    }

    /** The reader view of {@code <<f, lb>>}: the bytes a read returns now. */
    public byte[] read(String f, int lb) throws IOException {
        return fs.buffered().read("reader", file(f), lb - 1);
    }

    private byte[] payload(String f, int lb, int w) {
        return BlockPayload.encode(file(f).ino(), lb - 1, WRITER_ID, w);
    }

    // ---- observation ---------------------------------------------------------------------------------------

    /** The implementation's state with the ghost and the defrags' program counters, taken atomically. */
    public Snapshot snapshot() throws IOException {
        return fs.transactions().read(() -> {
            List<String> steps = new ArrayList<>();
            List<Integer> cursors = new ArrayList<>();
            for (MoveExtents m : movers) {
                steps.add(m.step());
                cursors.add(m instanceof LegacyMoveExtents l ? (int) l.nextPage() + 1 : 1);
            }
            return new Snapshot(AbstractState.capture(fs, ghost.lastWrite()), steps, cursors, issued);
        });
    }

    /** An abstract state plus what only the scheduler knows: each defrag's step and cursor, writes issued. */
    public record Snapshot(AbstractState state, List<String> steps, List<Integer> cursors, int issued) {}

    /** The spec's file name of inode {@code ino}. */
    public String fileName(int ino) {
        return fileOfIno.get(ino);
    }

    /** The spec's block number (1-based, file i owning (i-1)*L+1..i*L initially) of a device block, or null. */
    public Integer specBlock(long pblk) {
        return specBlockOf.get(pblk);
    }

    /** The device block behind the spec's block {@code b}. */
    public long deviceBlock(int b) {
        for (Map.Entry<Long, Integer> e : specBlockOf.entrySet()) {
            if (e.getValue() == b) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException("no device block for spec block " + b);
    }

    /** Ends the defrags still running, completes direct I/O in flight, closes and deletes the image. */
    @Override
    public void close() throws IOException {
        gate.abandonAll();
        fs.setHook(null);
        try {
            fs.close();
        } finally {
            Files.deleteIfExists(image);
        }
    }
}
