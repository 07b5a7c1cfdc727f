package defragcheck.harness;

import java.util.Arrays;
import java.util.Optional;

/** What a model check concluded; {@link #label()} is the tlaplus/Examples manifest's "result" text. */
public enum Verdict {
    SUCCESS("success"),
    SAFETY_FAILURE("safety failure"),
    DEADLOCK_FAILURE("deadlock failure"),
    LIVENESS_FAILURE("liveness failure"),
    /**
     * A safety failure or a deadlock, unnamed: TLC's distributed server prints the behaviour that leads to it but not
     * the invariant (nor that it is a deadlock); never declared in a manifest.
     */
    UNNAMED_VIOLATION("safety failure or deadlock, unnamed by distributed TLC"),
    /** TLC could not check the model at all: parse, configuration or evaluation error. */
    ERROR("error");

    private final String label;

    Verdict(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<Verdict> fromLabel(String label) {
        return Arrays.stream(values()).filter(v -> v != UNNAMED_VIOLATION && v.label.equals(label)).findFirst();
    }

    /** Maps TLC's process exit status (EC.ExitStatus) to a verdict; every other status is an error. */
    static Verdict fromExitStatus(int status) {
        return switch (status) {
            case 0 -> SUCCESS;
            case 11 -> DEADLOCK_FAILURE;
            case 12 -> SAFETY_FAILURE;
            case 13 -> LIVENESS_FAILURE;
            default -> ERROR;
        };
    }
}
