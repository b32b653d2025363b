package com.pawprint.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's command line. Defaults are the documented ports for people; tests use {@link #forTests(Path)}.
 *
 * @param kafkaPort           Kafka's client listener (default 9092)
 * @param kafkaControllerPort the KRaft controller listener (default 9093)
 * @param s3Port              the S3 API (default 9000)
 * @param postgresPort        PostgreSQL (default 5432)
 * @param dataDir             holds kafka/, s3/ and postgres/ and is reused by the next start (default .local/stack)
 * @param randomPorts         free ports are chosen instead of the four above
 * @param containers          Testcontainers starts MinIO, Kafka and PostgreSQL images instead (needs Docker; always
 *                            random ports, no data dir)
 * @param watchStdin          the stack stops when its standard input closes, so it never outlives its parent
 * @param deleteDataDirOnExit the data folder is deleted once the servers have stopped (tests' throwaway folders)
 */
public record LaunchOptions(
        int kafkaPort,
        int kafkaControllerPort,
        int s3Port,
        int postgresPort,
        Path dataDir,
        boolean randomPorts,
        boolean containers,
        boolean watchStdin,
        boolean deleteDataDirOnExit) {

    public static final String USAGE = """
            usage: java -jar localstack.jar [options]
              --kafka-port N             Kafka client port (default 9092)
              --kafka-controller-port N  KRaft controller port (default 9093)
              --s3-port N                S3 API port (default 9000)
              --postgres-port N          PostgreSQL port (default 5432)
              --data-dir DIR             data folder, kept across restarts (default .local/stack)
              --random-ports             pick free ports instead
              --containers               start MinIO, Kafka and PostgreSQL containers (needs Docker)
              --ignore-stdin             keep running when stdin closes; stop with SIGTERM or Ctrl-C
              --delete-data-on-exit      delete the data folder after stopping (for throwaway test stacks)
            It prints key=value config lines, then READY.""";

    public static LaunchOptions defaults() {
        return new LaunchOptions(9092, 9093, 9000, 5432, Path.of(".local", "stack"), false, false, true, false);
    }

    /** Random ports and the given data folder; stops when the test JVM lets go of its stdin. */
    public static LaunchOptions forTests(Path dataDir) {
        return defaults().withDataDir(dataDir).withRandomPorts();
    }

    public LaunchOptions withDataDir(Path newDataDir) {
        return new LaunchOptions(kafkaPort, kafkaControllerPort, s3Port, postgresPort, newDataDir, randomPorts,
                containers, watchStdin, deleteDataDirOnExit);
    }

    public LaunchOptions withRandomPorts() {
        return new LaunchOptions(kafkaPort, kafkaControllerPort, s3Port, postgresPort, dataDir, true, containers,
                watchStdin, deleteDataDirOnExit);
    }

    public LaunchOptions withContainers() {
        return new LaunchOptions(kafkaPort, kafkaControllerPort, s3Port, postgresPort, dataDir, randomPorts, true,
                watchStdin, deleteDataDirOnExit);
    }

    public LaunchOptions withoutStdinWatch() {
        return new LaunchOptions(kafkaPort, kafkaControllerPort, s3Port, postgresPort, dataDir, randomPorts,
                containers, false, deleteDataDirOnExit);
    }

    public LaunchOptions withDataDirDeletedOnExit() {
        return new LaunchOptions(kafkaPort, kafkaControllerPort, s3Port, postgresPort, dataDir, randomPorts,
                containers, watchStdin, true);
    }

    /** Parses {@code --flag value} or {@code --flag=value}; throws IllegalArgumentException on anything else. */
    public static LaunchOptions parse(String... args) {
        LaunchOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String inlineValue = null;
            int equals = flag.indexOf('=');
            if (flag.startsWith("--") && equals > 0) {
                inlineValue = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            }
            switch (flag) {
                case "--random-ports" -> options = options.withRandomPorts();
                case "--containers" -> options = options.withContainers();
                case "--ignore-stdin" -> options = options.withoutStdinWatch();
                case "--delete-data-on-exit" -> options = options.withDataDirDeletedOnExit();
                case "--data-dir", "--kafka-port", "--kafka-controller-port", "--s3-port", "--postgres-port" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(flag + " needs a value");
                        }
                        value = args[++i];
                    }
                    options = options.with(flag, value);
                }
                default -> throw new IllegalArgumentException("unknown option: " + args[i]);
            }
        }
        return options;
    }

    private LaunchOptions with(String flag, String value) {
        if (flag.equals("--data-dir")) {
            return withDataDir(Path.of(value));
        }
        int port = port(flag, value);
        return switch (flag) {
            case "--kafka-port" -> new LaunchOptions(port, kafkaControllerPort, s3Port, postgresPort, dataDir,
                    randomPorts, containers, watchStdin, deleteDataDirOnExit);
            case "--kafka-controller-port" -> new LaunchOptions(kafkaPort, port, s3Port, postgresPort, dataDir,
                    randomPorts, containers, watchStdin, deleteDataDirOnExit);
            case "--s3-port" -> new LaunchOptions(kafkaPort, kafkaControllerPort, port, postgresPort, dataDir,
                    randomPorts, containers, watchStdin, deleteDataDirOnExit);
            case "--postgres-port" -> new LaunchOptions(kafkaPort, kafkaControllerPort, s3Port, port, dataDir,
                    randomPorts, containers, watchStdin, deleteDataDirOnExit);
            default -> throw new IllegalStateException(flag);
        };
    }

    private static int port(String flag, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + " needs a port between 1 and 65535, not '" + value + "'");
    }

    /** The command line that {@link #parse} turns back into these options. */
    public List<String> toArgs() {
        List<String> args = new ArrayList<>(List.of(
                "--kafka-port", Integer.toString(kafkaPort),
                "--kafka-controller-port", Integer.toString(kafkaControllerPort),
                "--s3-port", Integer.toString(s3Port),
                "--postgres-port", Integer.toString(postgresPort),
                "--data-dir", dataDir.toString()));
        if (randomPorts) {
            args.add("--random-ports");
        }
        if (containers) {
            args.add("--containers");
        }
        if (!watchStdin) {
            args.add("--ignore-stdin");
        }
        if (deleteDataDirOnExit) {
            args.add("--delete-data-on-exit");
        }
        return args;
    }
}
