package defragcheck.impl.defrag;

/** A move or defrag was refused before anything changed. */
public final class DefragRefusedException extends RuntimeException {
    private final RefusalReason reason;

    public DefragRefusedException(RefusalReason reason, String detail) {
        super("move_extent refused (" + reason.errno() + "): " + reason.text() + (detail.isEmpty() ? "" : ": " + detail));
        this.reason = reason;
    }

    public RefusalReason reason() {
        return reason;
    }
}
