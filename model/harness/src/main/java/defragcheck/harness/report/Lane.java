package defragcheck.harness.report;

/**
 * One actor of a sequence diagram: a column with its title. {@code kind} picks its colour and its
 * place (defrags first, then the users, writeback, crash and recovery, and the device last).
 */
record Lane(String id, String title, Kind kind) {
    enum Kind { DEFRAG, WRITER, READER, WRITEBACK, CRASH, OTHER, DEVICE }
}
