package defragcheck.impl.observe;

/** The abstract value a block holds, in the spec's vocabulary: a write, {@code Zero}, or {@code Garbage}. */
public sealed interface BlockValue permits BlockValue.Zero, BlockValue.Garbage, BlockValue.Written {
    /** All zero bytes: an unwritten extent or a hole reads like this. */
    record Zero() implements BlockValue {
        @Override
        public String toString() {
            return "Zero";
        }
    }

    /** Anything that is not a valid self-describing block: stale content of a never-written or freed block. */
    record Garbage() implements BlockValue {
        @Override
        public String toString() {
            return "Garbage";
        }
    }

    /** The block written by {@code writer} as its write number {@code seq}, for {@code <<ino, lblock>>}. */
    record Written(int ino, long lblock, int writer, long seq) implements BlockValue {
        @Override
        public String toString() {
            return "W(" + ino + ":" + lblock + " by " + writer + "#" + seq + ")";
        }
    }

    BlockValue ZERO = new Zero();
    BlockValue GARBAGE = new Garbage();
}
