package defragcheck.kernel;

import java.util.List;

/**
 * One forced schedule: the steps drawn from the model, the model's verdict for that behaviour (invariants held;
 * final contents), what the kernel did and whether the two agree. {@code unforced} says why a schedule could not
 * be forced as drawn (then there is no agreement either way); {@code finding} names the known disagreement
 * ({@link Findings}) whose pattern the schedule has, if it disagrees.
 */
public record ScheduleOutcome(String model, long seed, List<String> steps, String modelVerdict, List<Long> modelFinal,
        String kernelOutcome, List<String> disagreements, String unforced, String finding) {
    public boolean forced() {
        return unforced == null;
    }

    public boolean agrees() {
        return forced() && disagreements.isEmpty();
    }

    /** The same outcome with {@code note} added to what the kernel did. */
    public ScheduleOutcome withKernelNote(String note) {
        return new ScheduleOutcome(model, seed, steps, modelVerdict, modelFinal,
                kernelOutcome.isEmpty() ? note : note + "; " + kernelOutcome, disagreements, unforced, finding);
    }

    public String schedule() {
        return String.join(", ", steps);
    }
}
