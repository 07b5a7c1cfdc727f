#!/usr/bin/env python3
"""Teeth by real mutation: copies the checkout (without target/), deletes one real step of the implementation in the
copy, runs the conformance tests there, and asserts that they fail, the trace validation of free runs among them. One mutant at a time; every copy is removed whatever
happens. Assertions are disabled in the copies (-DenableAssertions=false), so a mutant must be caught by what a
test observes, not by the implementation's own lock-precondition asserts.

usage: impl/mutants/run-mutants.py [MUTANT...]      (from the checkout's top; default: every mutant)
exit 0 iff every mutant was caught by LoggedRunTest and the unmutated copy passes the tests.
"""
import os, re, shutil, subprocess, sys, tempfile, time

# The conformance tests. Every mutant must be caught by the trace validation of free runs (CAUGHT_BY) by itself;
# the others are listed as they fail.
TESTS = "LoggedRunTest,TeethTest,CounterexampleReplayTest,SpecToImplPropertyTest"
CAUGHT_BY = "LoggedRunTest"

IMPL = "impl/core/src/main/java/defragcheck/impl/"
# name -> [(file, exact old text, new text, occurrence to change: the first)]
MUTANTS = {
    "drain": [(IMPL + "defrag/MoveExtents.java",
               "        fs.direct().inodeDioWait(orig);\n        fs.direct().inodeDioWait(donor);\n", "")],
    "flush": [(IMPL + "defrag/DrainEvictCopySwap.java",
               "        fs.writeback().flushRange(orig, req.origStart(), req.length());\n"
               "        fs.writeback().flushRange(donor, req.donorStart(), req.length());\n", "")],
    "evict": [(IMPL + "defrag/DrainEvictCopySwap.java",
               "        fs.ptes().unmap(orig.ino(), req.origStart(), req.length());\n"
               "        fs.ptes().unmap(donor.ino(), req.donorStart(), req.length());\n"
               "        fs.cache().drop(orig.ino(), req.origStart(), req.length());\n"
               "        fs.cache().drop(donor.ino(), req.donorStart(), req.length());\n", "")],
    "copy": [(IMPL + "defrag/DrainEvictCopySwap.java",
              "        if (orig.isDax()) {\n"
              "            DataCopier.copyDax(fs.device().daxWindow(), runs);\n"
              "        } else {\n"
              "            DataCopier.copyDirect(fs.device(), runs, opts.copyThreads());\n"
              "        }\n", "")],
    # the lock steps still run (and log their steps), on a lock nobody else takes
    "inode-lock": [(IMPL + "defrag/MoveExtents.java",
                    "        lockTwo(Action.LockInodes, i -> i.rwsem);\n",
                    "        lockTwo(Action.LockInodes, i -> new RwSemaphore());\n")],
    "invalidate-lock": [(IMPL + "defrag/DrainEvictCopySwap.java",
                         "        lockTwo(Action.LockInvalidate, i -> i.invalidateLock);\n",
                         "        lockTwo(Action.LockInvalidate, i -> new defragcheck.impl.lock.RwSemaphore());\n")],
    # the submission's i_rwsem (shared): the first downRead/upRead of DirectIo is submit's
    "dio-ignores-lock": [(IMPL + "io/DirectIo.java", "        inode.rwsem.downRead();\n", ""),
                         (IMPL + "io/DirectIo.java", "            inode.rwsem.upRead();\n", "")],
    "fault-ignores-lock": [(IMPL + "io/MmapIo.java", "        inode.invalidateLock.downRead();\n", ""),
                           (IMPL + "io/MmapIo.java", "            inode.invalidateLock.upRead();\n", "")],
}


def copy_checkout(top, dest):
    shutil.copytree(top, dest, ignore=shutil.ignore_patterns("target", ".git"))


def mutate(root, edits):
    for path, old, new in edits:
        p = os.path.join(root, path)
        with open(p) as f:
            s = f.read()
        if old not in s:
            raise SystemExit(f"mutant out of date: {path} has no\n{old}")
        with open(p, "w") as f:
            f.write(s.replace(old, new, 1))


def run_tests(root):
    """Returns (passed, failing test classes, why CAUGHT_BY's tests failed, seconds)."""
    t0 = time.time()
    cmd = ["mvn", "-B", "-o", "-q", "test", "-DenableAssertions=false", "-Dtest=" + TESTS,
           "-Dsurefire.failIfNoSpecifiedTests=false", "-Djqwik.database=" + os.path.join(root, "target", "jqwik-db")]
    out = subprocess.run(cmd, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    failing = sorted(set(re.findall(r"<<< (?:FAILURE|ERROR)! -- in defragcheck\.[\w.]*?(\w+)$", out.stdout, re.M)))
    if out.returncode != 0 and not failing:
        failing = ["(build failed: " + out.stdout.strip().splitlines()[-1][:200] + ")"] if out.stdout.strip() else ["(build failed)"]
    # surefire's summary: "[ERROR]   Class.method:line[->...] message"; the first line of each of CAUGHT_BY's
    why = re.findall(r"^\[ERROR\]\s+" + CAUGHT_BY + r"\.(\w+)[:\w>$-]*\s+(.*)$", out.stdout, re.M)
    return out.returncode == 0, failing, [f"{m}: {msg[:160]}" for m, msg in why], time.time() - t0


def main(argv):
    top = os.getcwd()
    if not os.path.isdir(os.path.join(top, IMPL)):
        print("run from the checkout's top folder", file=sys.stderr)
        return 2
    names = argv or list(MUTANTS)
    unknown = [n for n in names if n not in MUTANTS]
    if unknown:
        print("unknown mutant(s): " + ", ".join(unknown) + "; known: " + ", ".join(MUTANTS), file=sys.stderr)
        return 2
    ok = True
    for name in ["(none)"] + names:
        work = tempfile.mkdtemp(prefix="defragcheck-mutant-")
        try:
            root = os.path.join(work, "tree")
            copy_checkout(top, root)
            if name != "(none)":
                mutate(root, MUTANTS[name])
            passed, failing, why, secs = run_tests(root)
            if name == "(none)":
                verdict = "baseline passes" if passed else "BASELINE FAILS: " + ", ".join(failing)
                ok &= passed
            else:
                verdict = ("caught by " + ", ".join(failing)) if not passed else "SURVIVED (every test passed)"
                if not passed and CAUGHT_BY not in failing:
                    verdict += "; NOT by " + CAUGHT_BY
                ok &= not passed and CAUGHT_BY in failing
            print(f"{name:20s} {verdict}  [{secs:.0f} s]", flush=True)
            for w in why:
                print(f"{'':20s}   {w}", flush=True)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
