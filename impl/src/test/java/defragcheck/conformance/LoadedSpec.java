package defragcheck.conformance;

/**
 * The one spec FastTool holds (one per class loader): loaded again whenever another model is asked for, and at
 * the start of every property or test, because any TLC run in between (other test classes) invalidates it.
 */
final class LoadedSpec {
    private static SpecModel current;

    private LoadedSpec() {}

    static synchronized SpecModel of(String model) {
        if (current == null || !current.model().name().equals(model)) {
            current = SpecModel.load(Models.named(model));
        }
        return current;
    }

    static synchronized void forget() {
        current = null;
    }
}
