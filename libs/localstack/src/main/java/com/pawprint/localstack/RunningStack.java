package com.pawprint.localstack;

/** Servers started by the launcher JVM; closing stops them all. */
interface RunningStack extends AutoCloseable {

    StackConfig config();

    @Override
    void close();
}
