package com.pawprint.localstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;

/**
 * The launcher JVM's classpath: this module's own classes or jar, then the server dependencies that the build wrote
 * to {@value #RESOURCE} (they are optional dependencies, so a service's classpath never has them).
 */
final class LauncherClasspath {

    static final String RESOURCE = "launcher.classpath";

    private LauncherClasspath() {
    }

    static String get() {
        return ownLocation() + File.pathSeparator + dependencies();
    }

    /** The server jars, separated by {@link File#pathSeparator}. */
    static String dependencies() {
        try (InputStream in = LauncherClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the localstack module was built without " + RESOURCE
                        + "; build it with Maven (./mvnw -pl libs/localstack install)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The jar or classes folder holding this class, whichever class loader (Quarkus' included) loaded it. */
    static Path ownLocation() {
        CodeSource codeSource = LauncherClasspath.class.getProtectionDomain().getCodeSource();
        if (codeSource != null && "file".equals(codeSource.getLocation().getProtocol())) {
            return toPath(codeSource.getLocation());
        }
        URL resource = LauncherClasspath.class.getResource(RESOURCE);
        if (resource == null) {
            throw new IllegalStateException("cannot tell where the localstack classes are");
        }
        String url = resource.toString();
        if (url.startsWith("jar:")) {
            return toPath(url.substring("jar:".length(), url.indexOf("!/")));
        }
        String packagePath = LauncherClasspath.class.getPackageName().replace('.', '/') + "/" + RESOURCE;
        return toPath(url.substring(0, url.length() - packagePath.length()));
    }

    private static Path toPath(URL url) {
        return toPath(url.toString());
    }

    private static Path toPath(String url) {
        try {
            return Path.of(new java.net.URI(url));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot read the location " + url, e);
        }
    }
}
