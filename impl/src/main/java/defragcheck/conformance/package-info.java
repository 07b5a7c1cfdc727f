/**
 * Conformance between the TLA+ spec (spec/Decs.tla and spec/Ext4Legacy.tla over spec/Environment.tla, checked by
 * TLC) and the implementation, in one JVM through TLC's FastTool ({@link defragcheck.conformance.SpecModel}). A
 * model's protocol is the module it extends, its ablations the steps its cfg overrides
 * ({@link defragcheck.conformance.ModelAblations}).
 *
 * <ul>
 * <li>Setup: {@link defragcheck.conformance.ImplRig} puts an O_DIRECT image in a model's initial state (files in
 * address order, origs written with zeros, donors fallocated over stale blocks; DAX files through the device
 * mapping) and parks each defrag in its own thread behind {@link defragcheck.conformance.DefragGate}, the
 * deterministic scheduler: one granted step at a time, two for taking two inodes' locks as in the spec.</li>
 * <li>Abstraction: {@link defragcheck.conformance.StateMapping} turns the implementation's
 * {@code AbstractState} plus the scheduler's ghost (writes issued, each defrag's step and cursor) into a TLC state
 * built from TLC's value classes: files by name, logical blocks 1-based, device blocks renamed 1..N by the initial
 * layout, block contents to write numbers or Zero/Garbage. Equality is TLC's {@code equals} and fingerprint.</li>
 * <li>Spec to implementation: {@link defragcheck.conformance.Replayer} runs TLC's steps (action and parameters)
 * on the rig and compares after every step ({@link defragcheck.conformance.StateComparison} marks the differing
 * variables); {@link defragcheck.conformance.CoverageRun} steers the behaviours to unvisited states of the
 * model's full state graph ({@link defragcheck.conformance.StateGraph}).</li>
 * <li>Implementation to spec: {@link defragcheck.conformance.ImplDriver} (a chosen interleaving of the
 * implementation's own enabled operations, {@link defragcheck.conformance.ImplGuards}) and
 * {@link defragcheck.conformance.ThreadedRun} (real threads, atomic snapshots at step boundaries) produce traces
 * that {@link defragcheck.conformance.TraceValidator} checks step by step against Next and the invariants.</li>
 * <li>Counterexamples: {@link defragcheck.conformance.ScheduleStep} recovers the steps of TLC's counterexample,
 * {@link defragcheck.conformance.ScheduleRunner} runs them on another protocol or an ablated implementation,
 * {@link defragcheck.conformance.ModelVariant} gives the full-protocol model of the same setting (the cfg without
 * its step overrides) or the same setting on the other protocol's module.</li>
 * <li>{@link defragcheck.conformance.ConformanceBenchmark}: {@code bench-conformance}.</li>
 * </ul>
 */
package defragcheck.conformance;
