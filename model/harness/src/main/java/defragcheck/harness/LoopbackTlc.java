package defragcheck.harness;

/** {@code tlc2.TLC}'s main after {@link LoopbackRmi#install()}: the stock checker whose RMI listener is on loopback only. */
public final class LoopbackTlc {
    private LoopbackTlc() {}

    public static void main(String[] args) throws Exception {
        LoopbackRmi.install();
        tlc2.TLC.main(args);
    }
}
