package defragcheck.harness;

import java.time.Duration;

/**
 * The outcome of checking one model.
 *
 * @param violated    the invariant or property that failed; for a liveness violation the cfg's single
 *                    PROPERTY, or "temporal property" when it lists several (TLC does not say which);
 *                    null unless the verdict is a safety or liveness failure
 * @param generated   states generated, as TLC counts them (-1 if TLC did not get that far)
 * @param distinct    distinct states found (-1 if TLC did not get that far)
 * @param depth       the depth of the state graph reached (-1 if unknown)
 * @param tlcCode     TLC's error code (tlc2.output.EC), 0 on success
 * @param error       for {@link Verdict#ERROR}: one line naming the file and position; otherwise null
 * @param output      everything TLC printed
 */
public record CheckResult(
        Model model,
        Verdict verdict,
        String violated,
        long generated,
        long distinct,
        long depth,
        Duration wallTime,
        int tlcCode,
        String error,
        Counterexample counterexample,
        String output) {

    public double seconds() {
        return wallTime.toNanos() / 1e9;
    }
}
