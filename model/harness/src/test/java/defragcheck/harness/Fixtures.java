package defragcheck.harness;

import java.nio.file.Path;

/** The harness's own small test specs, laid out like the project (spec/, model/, model/manifest.json). */
final class Fixtures {
    static final Path RESOURCES = Path.of("model/harness/src/test/resources").toAbsolutePath();
    /** Models that check: pass, invariant violation, deadlock, liveness held and violated. */
    static final Path GOOD = RESOURCES.resolve("fixtures");
    /** Models that cannot be checked: parse and semantic errors, bad cfgs, missing files. */
    static final Path BAD = RESOURCES.resolve("bad-fixtures");
    /** Manifests that cannot be read. */
    static final Path BAD_MANIFESTS = RESOURCES.resolve("bad-manifests");

    private Fixtures() {}

    static Model good(String name) {
        return Model.of(GOOD.resolve("model"), name, GOOD.resolve("spec"));
    }

    static Model bad(String name) {
        return Model.of(BAD.resolve("model"), name, BAD.resolve("spec"));
    }
}
