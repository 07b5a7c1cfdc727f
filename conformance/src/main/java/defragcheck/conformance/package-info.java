/**
 * Conformance between the TLA+ spec (spec/Decs.tla and spec/Ext4Legacy.tla over spec/Environment.tla, checked by
 * TLC) and the implementation, on real I/O. The rig never grants the implementation a step: the implementation
 * blocks where it blocks, and what it did is checked against the spec afterwards.
 *
 * <ul>
 * <li>Setup: {@link defragcheck.conformance.ImplRig} puts an O_DIRECT image in a model's initial state (files in
 * address order, origs written with zeros, donors fallocated over stale blocks; DAX files through the device
 * mapping) and records every step the implementation takes in an {@link defragcheck.conformance.EventLog}, at the
 * step's linearization point (the production classes' one instrumentation interface, {@code StepHook}).</li>
 * <li>Implementation to spec (trace validation): {@link defragcheck.conformance.LoggedRun} runs users, flusher,
 * end_io and defrags freely in their own threads; {@link defragcheck.conformance.TraceCheck} has TLC search for a
 * behaviour of the model that consumes the log (spec/Trace.tla).</li>
 * <li>Spec to implementation: {@link defragcheck.conformance.Replayer} runs TLC's steps (action and parameters) on
 * the rig and compares the implementation's state ({@link defragcheck.conformance.StateMapping}) after every step
 * ({@link defragcheck.conformance.StateComparison} marks the differing variables);
 * {@link defragcheck.conformance.CoverageRun} steers the behaviours to unvisited states of the model's full state
 * graph ({@link defragcheck.conformance.StateGraph}); {@link defragcheck.conformance.TraceValidator} checks a
 * replay's states against Next and the invariants.</li>
 * <li>Counterexamples: {@link defragcheck.conformance.ScheduleStep} recovers the steps of TLC's counterexample,
 * {@link defragcheck.conformance.ScheduleRunner} proposes them to another protocol or to the implementation without
 * a step ({@link defragcheck.conformance.DecsWithoutStep}), handing each to its actor's thread and observing
 * whether it blocks ({@link defragcheck.conformance.Blocking}); {@link defragcheck.conformance.ModelVariant} gives
 * the full-protocol model of the same setting (the cfg without its step overrides) or the same setting on the other
 * protocol's module.</li>
 * <li>{@link defragcheck.conformance.ConformanceBenchmark}: {@code bench-conformance}.</li>
 * </ul>
 */
package defragcheck.conformance;
