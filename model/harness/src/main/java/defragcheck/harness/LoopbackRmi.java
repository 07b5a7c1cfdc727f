package defragcheck.harness;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.RMISocketFactory;

/**
 * TLC's fingerprint set is an RMI server object (for distributed TLC), so every model check exports
 * it on an ephemeral port. Un-exporting it after the run lets the JVM exit, but Java keeps an
 * anonymous-port listener open for the JVM's life, by default on all interfaces. This makes RMI
 * listen on the loopback interface only, for this JVM ({@link #install(InetAddress)}: on one other address,
 * for distributed TLC told to serve other machines).
 */
final class LoopbackRmi {
    private LoopbackRmi() {}

    static void install() {
        install(InetAddress.getLoopbackAddress());
    }

    /** Every RMI server socket of this JVM listens on {@code address} only. */
    static void install(InetAddress address) {
        try {
            RMISocketFactory.setSocketFactory(new RMISocketFactory() {
                @Override
                public ServerSocket createServerSocket(int port) throws IOException {
                    return new ServerSocket(port, 50, address);
                }

                @Override
                public Socket createSocket(String host, int port) throws IOException {
                    return new Socket(host, port);
                }
            });
        } catch (IOException e) {
            // The application installed its own factory already (allowed once per JVM): keep it.
        }
    }
}
