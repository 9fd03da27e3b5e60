package kg.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A throwaway Neo4j Community for tests: Bolt only, on 127.0.0.1 at a port the OS picks,
 * authentication on, data in a fresh temporary directory.
 *
 * <p>Protocol (stdin/stdout, so the password never shows in {@code ps}): the first line of
 * stdin is the password of user {@code neo4j} (at least 8 characters, Neo4j's minimum). When
 * the server accepts connections, one line {@code READY bolt://127.0.0.1:PORT} goes to stdout.
 * EOF on stdin (the parent closed it, or died) or SIGTERM stops the server and deletes the
 * directory; nothing else is ever read, so a killed parent never leaves a JVM behind.
 *
 * <p>{@code --home DIR} opens an existing Neo4j home instead (for example one that
 * {@code neo4j-admin database import full} filled, with {@code NEO4J_HOME=DIR}); that
 * directory belongs to the caller and is left in place on exit.
 */
public final class ThrowawayNeo4j {
    private ThrowawayNeo4j() {}

    public static void main(String[] args) throws IOException {
        Path given = null;
        if (args.length == 2 && args[0].equals("--home")) {
            given = Path.of(args[1]);
        } else if (args.length != 0) {
            System.err.println("ThrowawayNeo4j: usage: ThrowawayNeo4j [--home DIR] (password on stdin)");
            System.exit(2);
        }
        BufferedReader stdin =
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String password = stdin.readLine();
        if (password == null || password.length() < 8) {
            System.err.println("ThrowawayNeo4j: the first line of stdin must be a password of at least 8 characters");
            System.exit(2);
        }
        Path home = given != null ? given : Files.createTempDirectory("kg-neo4j-");
        // Only a directory this process made is ours to delete.
        boolean owned = given == null;
        DatabaseManagementService service;
        try {
            service = start(home, password);
        } catch (RuntimeException exc) {
            if (owned) {
                deleteTree(home);
            }
            System.err.println("ThrowawayNeo4j: Neo4j did not start: " + exc);
            System.exit(1);
            return;
        }
        // One cleanup path for EOF (System.exit below) and SIGTERM alike.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.shutdown();
            if (owned) {
                deleteTree(home);
            }
        }, "kg-neo4j-shutdown"));
        System.out.println("READY bolt://127.0.0.1:" + boltPort(service));
        System.out.flush();
        while (stdin.readLine() != null) {
            // Wait for EOF; any further input means nothing.
        }
        System.exit(0);
    }

    /** Start Neo4j in {@code home} with Bolt on loopback and {@code neo4j}'s password set. */
    public static DatabaseManagementService start(Path home, String password) {
        DatabaseManagementService service = new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", 0))
                .setConfig(BoltConnector.advertised_address, new SocketAddress("127.0.0.1", 0))
                // Small and quick: a test store of a few thousand nodes (a benchmark asks for
                // more with -Dkg.neo4j.pagecache=MiB).
                .setConfig(GraphDatabaseSettings.pagecache_memory,
                        ByteUnit.mebiBytes(Long.getLong("kg.neo4j.pagecache", 64L)))
                .setConfig(GraphDatabaseSettings.preallocate_logical_logs, false)
                .build();
        try {
            // The password arrives as a parameter: it never becomes Cypher text.
            service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED",
                    Map.of("password", password));
        } catch (RuntimeException exc) {
            service.shutdown();
            throw exc;
        }
        return service;
    }

    /** The port the OS gave the Bolt connector (we asked for port 0). */
    public static int boltPort(DatabaseManagementService service) {
        GraphDatabaseAPI db = (GraphDatabaseAPI) service.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        return db.getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT)
                .getPort();
    }

    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException exc) {
                    throw new UncheckedIOException(exc);
                }
            });
        } catch (IOException | UncheckedIOException exc) {
            System.err.println("ThrowawayNeo4j: could not delete " + root + ": " + exc);
        }
    }
}
