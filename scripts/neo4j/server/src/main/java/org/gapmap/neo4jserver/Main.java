package org.gapmap.neo4jserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

/**
 * Runs Neo4j 5 Community embedded, with Bolt on 127.0.0.1, for gapmap's tests
 * and for development.
 *
 * <pre>
 * NEO4J_PASSWORD=... java -Xmx1g -cp 'classes:lib/*' org.gapmap.neo4jserver.Main DIR [PORT]
 * </pre>
 *
 * DIR is the Neo4j home (data, transaction logs and debug.log go under it);
 * PORT 0 or absent picks a free loopback port. The user is neo4j, with the
 * password from NEO4J_PASSWORD (at least 8 characters). The line
 * "gapmap-neo4j ready bolt://127.0.0.1:PORT" is printed only after a query
 * has run; SIGTERM shuts the database down cleanly and prints
 * "gapmap-neo4j stopped".
 */
public final class Main {
    private static final String READY = "gapmap-neo4j ready ";

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: Main DIR [PORT]   (password in NEO4J_PASSWORD)");
            System.exit(2);
        }
        Path home = Path.of(args[0]).toAbsolutePath();
        int port = args.length == 2 ? Integer.parseInt(args[1]) : 0;
        if (port == 0) {
            port = freeLoopbackPort();
        }
        String password = System.getenv("NEO4J_PASSWORD");
        if (password == null || password.length() < 8) {
            System.err.println("NEO4J_PASSWORD must be set to at least 8 characters");
            System.exit(2);
        }

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(256))
                // A test and development server: keep a day of transaction logs at most.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1 days")
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .setConfig(GraphDatabaseSettings.transaction_timeout, Duration.ofMinutes(5))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            dbms.shutdown();
            System.out.println("gapmap-neo4j stopped");
            System.out.flush();
            stopped.countDown();
        }, "gapmap-neo4j-shutdown"));

        setPassword(dbms, password);
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        long one = (Long) db.executeTransactionally("RETURN 1 AS one", Map.of(),
                r -> r.next().get("one"));
        if (one != 1) {
            throw new IllegalStateException("RETURN 1 gave " + one);
        }
        System.out.println(READY + "bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    /** Sets user neo4j's password; on a restart it is usually already set. */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException e) {
            // Neo4j refuses to set the same password again: that is the one refusal to accept.
            String msg = String.valueOf(e.getMessage());
            if (!msg.contains("Old password and new password cannot be the same")) {
                throw e;
            }
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
