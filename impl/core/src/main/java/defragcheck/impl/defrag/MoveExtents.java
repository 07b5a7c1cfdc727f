package defragcheck.impl.defrag;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import defragcheck.impl.fs.Filesystem;
import defragcheck.impl.fs.Inode;
import defragcheck.impl.lock.RwSemaphore;
import defragcheck.impl.lock.LockOrder;
import defragcheck.impl.observe.Action;
import defragcheck.impl.observe.StepHook;

/**
 * One EXT4_IOC_MOVE_EXT call as an actor with a program counter: its steps are public methods named after the
 * spec's actions, callable one at a time (a scheduler drives it) or all at once with {@link #run()}. A step called
 * out of order is an {@link IllegalStateException}. The request is validated at construction, before anything
 * changes; a refusal is a {@link DefragRefusedException}. A mover is registered under its id from construction (the
 * spec's defrag exists from the initial state) until it is done or {@link #close() closed}.
 */
public abstract class MoveExtents implements Filesystem.StepReporter, AutoCloseable {
    protected final Filesystem fs;
    protected final MoveExtentRequest req;
    protected final DefragOptions opts;
    protected final Inode orig;
    protected final Inode donor;
    private final List<Action> plan;
    private int pc;

    /** {@code planOf} gives the steps of a validated request: it is never asked about one that is refused. */
    protected MoveExtents(MoveExtentRequest req, DefragOptions opts, Function<MoveExtentRequest, List<Action>> planOf) throws IOException {
        this.fs = req.orig().fs();
        this.req = req;
        this.opts = opts;
        this.orig = req.orig();
        this.donor = req.donor();
        fs.transactions().read(() -> {
            req.validate(); // the metadata lock keeps both extent maps still while they are checked
            return null;
        });
        this.plan = planOf.apply(req);
        fs.registerDefrag(opts.id(), this);
    }

    /** Validates {@code req} and returns the mover for {@code protocol}, at its first step. */
    public static MoveExtents create(Protocol protocol, MoveExtentRequest req, DefragOptions opts) throws IOException {
        return protocol == Protocol.DECS ? new DrainEvictCopySwap(req, opts) : new LegacyMoveExtents(req, opts);
    }

    /** moveExtents(orig, donor, origStart, donorStart, length) to completion. */
    public static void moveExtents(Protocol protocol, Inode orig, Inode donor, long origStart, long donorStart, long length,
            DefragOptions opts) throws IOException {
        create(protocol, new MoveExtentRequest(orig, donor, origStart, donorStart, length), opts).run();
    }

    public String id() {
        return opts.id();
    }

    /** The next action, or null when done. */
    public Action next() {
        return pc < plan.size() ? plan.get(pc) : null;
    }

    public boolean done() {
        return pc >= plan.size();
    }

    /** The spec's {@code step} of this defrag: the next action's name, or "Done". */
    @Override
    public String step() {
        Action a = next();
        return a == null ? "Done" : a.name();
    }

    /** Runs every remaining step. On an I/O error the locks this defrag holds are released. */
    public void run() throws IOException {
        try {
            while (!done()) {
                runNext();
            }
        } catch (IOException | RuntimeException e) {
            releaseAll();
            throw e;
        }
    }

    /** Runs the next step. */
    public abstract void runNext() throws IOException;

    /** Begins a step: checks it is the next one, calls the hook. */
    protected StepHook.Step begin(Action action, long lblock) {
        if (next() != action) {
            throw new IllegalStateException(id() + ": " + action + " called, next step is " + step());
        }
        StepHook.Step s = new StepHook.Step(id(), action, orig.ino(), lblock);
        fs.hook().before(s);
        return s;
    }

    /**
     * Ends a step: its linearization point (still holding the locks it took; {@link #unlock()}-like steps call
     * {@link #linearized} before releasing and then {@link #finish}), then advances the program counter.
     */
    protected void end(StepHook.Step s) {
        linearized(s.action());
        finish(s);
    }

    /** The step's event, at its linearization point. */
    protected void linearized(Action action) {
        fs.hook().linearized(new StepHook.Event(id(), action, orig.ino(), -1, -1, null));
    }

    /** Ends a step whose event is already logged: advances the program counter, calls the hook. */
    protected void finish(StepHook.Step s) {
        pc++;
        if (done()) {
            fs.unregisterDefrag(id());
        }
        fs.hook().after(s);
    }

    /** LockInodes: i_rwsem of both inodes, lower inode number first. */
    public void lockInodes() throws IOException {
        lockTwo(Action.LockInodes, i -> i.rwsem);
    }

    /**
     * Takes one lock class of both inodes in {@link LockOrder}: one hook step per inode, as in the spec (a scheduler
     * can run other actors, or a crossing defrag, between the two); the step ends once both are held.
     */
    protected void lockTwo(Action action, Function<Inode, RwSemaphore> lockOf) throws IOException {
        List<Inode> order = LockOrder.ordered(orig, donor);
        StepHook.Step first = begin(action, -1);
        acquire(lockOf.apply(order.get(0)));
        linearized(action);
        fs.hook().after(first);
        StepHook.Step second = begin(action, -1);
        acquire(lockOf.apply(order.get(1)));
        end(second);
    }

    /**
     * DrainDio: inode_dio_wait on both inodes. With both i_rwsem held exclusively no direct write can be submitted,
     * so once each count has reached zero none of either inode is in flight.
     */
    public void drainDio() throws IOException {
        StepHook.Step s = begin(Action.DrainDio, -1);
        assert holdsInodeLocks() : id() + ": drain without both i_rwsem";
        fs.direct().inodeDioWait(orig);
        fs.direct().inodeDioWait(donor);
        end(s);
    }

    /**
     * The precondition (for asserts) of DrainDio and every later step: this defrag holds both i_rwsem. Overridable
     * so that a verification variant without LockInodes can waive it.
     */
    protected boolean holdsInodeLocks() {
        return holds(i -> i.rwsem);
    }

    /** This defrag holds {@code lockOf} of both inodes exclusively. */
    protected final boolean holds(Function<Inode, RwSemaphore> lockOf) {
        return lockOf.apply(orig).heldExclusivelyBy(id()) && lockOf.apply(donor).heldExclusivelyBy(id());
    }

    protected void acquire(RwSemaphore lock) throws IOException {
        lock.downWrite(id());
    }

    /** Unlock: both invalidate locks (DECS), then both i_rwsem, in reverse order. */
    public void unlock() throws IOException {
        StepHook.Step s = begin(Action.Unlock, -1);
        linearized(Action.Unlock); // while both locks are still held: no writer is logged before it
        releaseLocks();
        finish(s);
    }

    /** Releases, in reverse order, whichever of the two locks of both inodes this defrag holds. */
    protected void releaseLocks() {
        List<Inode> order = new ArrayList<>(LockOrder.ordered(orig, donor));
        java.util.Collections.reverse(order);
        for (Inode i : order) {
            if (i.invalidateLock.heldExclusivelyBy(id())) {
                i.invalidateLock.upWrite(id());
            }
        }
        for (Inode i : order) {
            if (i.rwsem.heldExclusivelyBy(id())) {
                i.rwsem.upWrite(id());
            }
        }
    }

    /** Abandons a mover that is not done (never run, or stopped between steps): its locks and its id are released. */
    @Override
    public void close() throws IOException {
        if (!done()) {
            releaseAll();
        }
    }

    private void releaseAll() throws IOException {
        releaseLocks();
        fs.unregisterDefrag(id());
    }
}
