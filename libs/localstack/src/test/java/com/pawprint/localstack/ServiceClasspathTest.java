package com.pawprint.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.junit.jupiter.api.Test;

/**
 * A service's test classpath holds this module's classes and Quarkus, but none of the server jars (they are optional
 * dependencies). The test resource must work there, and share the one stack with every other class loader.
 */
class ServiceClasspathTest {

    @Test
    void testResourceRunsWithoutAnyServerJarAndSharesTheStackAcrossClassLoaders() throws Exception {
        URL moduleClasses = LauncherClasspath.ownLocation().toUri().toURL();
        URL quarkusTestApi = QuarkusTestResourceLifecycleManager.class.getProtectionDomain().getCodeSource()
                .getLocation();
        try (URLClassLoader service = new URLClassLoader(new URL[] {moduleClasses, quarkusTestApi},
                ClassLoader.getPlatformClassLoader())) {
            assertThrows(ClassNotFoundException.class, () -> service.loadClass("kafka.server.KafkaRaftServer"));
            assertThrows(ClassNotFoundException.class, () -> service.loadClass("org.gaul.s3proxy.S3Proxy"));

            for (Class<?> type : List.of(LocalStackResource.class, LocalStackProcess.class, SharedStack.class,
                    LaunchOptions.class, StackConfig.class, LauncherClasspath.class, LauncherJvm.class)) {
                // initializing links and verifies each class, which loads whatever its code refers to
                assertEquals(service, Class.forName(type.getName(), true, service).getClassLoader());
            }
            Class<?> isolatedResource = service.loadClass(LocalStackResource.class.getName());
            @SuppressWarnings("unchecked")
            Map<String, String> config = (Map<String, String>) isolatedResource.getMethod("current").invoke(null);

            assertTrue(config.keySet().containsAll(StackConfig.KEYS));
            assertEquals(LocalStackResource.current(), config);
        }
    }
}
