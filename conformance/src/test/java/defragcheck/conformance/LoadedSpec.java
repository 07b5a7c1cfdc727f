package defragcheck.conformance;

/**
 * The one spec FastTool holds (one per class loader): loaded again whenever another model is asked for, and at
 * the start of every property or test, because any TLC run in between (other test classes) invalidates it.
 */
final class LoadedSpec {
    private static SpecModel current;

    private LoadedSpec() {}

    static SpecModel of(String model) {
        return of(Models.named(model));
    }

    static synchronized SpecModel of(defragcheck.harness.Model model) {
        if (current == null || !current.model().equals(model)) {
            current = SpecModel.load(model);
        }
        return current;
    }

    static synchronized void forget() {
        current = null;
    }
}
