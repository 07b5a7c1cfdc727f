package defragcheck.harness;

import java.lang.reflect.InvocationTargetException;
import java.net.InetAddress;
import java.util.Arrays;

/**
 * {@code BoundRmiMain CLASS ARGS}: the main of one of TLC's distributed programs ({@code TLCServer}, {@code TLCWorker})
 * with every RMI listener bound to {@code -Ddefragcheck.rmi.bind} (default: loopback), so that distributed TLC
 * listens nowhere else than where it was told to. TLC's own code and arguments are unchanged.
 */
public final class BoundRmiMain {
    /** The system property naming the address the RMI listeners bind to. */
    static final String BIND = "defragcheck.rmi.bind";

    private BoundRmiMain() {}

    public static void main(String[] args) throws Throwable {
        String bind = System.getProperty(BIND);
        LoopbackRmi.install(bind == null ? InetAddress.getLoopbackAddress() : InetAddress.getByName(bind));
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
