package defragcheck.harness;

import java.util.List;

/**
 * A model as a manifest declares it: where it is and what checking it must give.
 *
 * @param name            the cfg's file name without extension (what the table and tests call it)
 * @param expected        the declared result
 * @param violated        the invariant or property a failing model must violate (null for success)
 * @param distinctStates  the declared distinct-state count (null when not declared)
 * @param totalStates     the declared generated-state count (null when not declared)
 * @param stateDepth      the declared depth (null when not declared)
 * @param features        the module's features, e.g. "liveness"
 * @param cell            where the model stands in the protocol table (README), or null
 * @param size            "small" (the default set: {@code check}, {@code mvn test}) or "deep" (larger bounds,
 *                        {@code check --deep} only); null counts as small
 */
public record DeclaredModel(
        String name,
        Model model,
        Verdict expected,
        String violated,
        Long distinctStates,
        Long totalStates,
        Long stateDepth,
        String runtime,
        List<String> features,
        Cell cell,
        String size) {

    public static final String DEEP = "deep";

    /**
     * A cell of the protocol table: the protocol (a row), whether the files are DAX, whether the power
     * may fail (the columns). The manifest's optional "cell" object.
     */
    public record Cell(String protocol, boolean dax, boolean crash) {}

    /** True for a model of the deep set (larger bounds, minutes each), which the default set leaves out. */
    public boolean deep() {
        return DEEP.equals(size);
    }

    /** "safety failure (Integrity)", "success": the declaration as a reader wants it. */
    public String expectation() {
        return violated == null ? expected.label() : expected.label() + " (" + violated + ")";
    }
}
