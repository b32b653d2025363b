package com.pawprint.diffusion.safetensors;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.pawprint.diffusion.nn.MissingTensorException;
import com.pawprint.diffusion.nn.TensorInfo;
import com.pawprint.diffusion.nn.TensorSource;
import java.io.Closeable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A {@link TensorSource} over one or more safetensors files (diffusers shards its big models), reading each tensor
 * lazily from its file. A name present in two files is an error, since either choice could be wrong. Once closed,
 * loads fail with a {@link SafetensorsException}.
 */
public final class SafetensorsSource implements TensorSource, Closeable {

    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> owner;

    private SafetensorsSource(List<SafetensorsFile> files, Map<String, SafetensorsFile> owner) {
        this.files = files;
        this.owner = owner;
    }

    /** Opens every file in {@code paths}; the source owns them and closes them with itself. */
    public static SafetensorsSource open(List<Path> paths) {
        if (paths.isEmpty()) {
            throw new SafetensorsException("no safetensors files given");
        }
        List<SafetensorsFile> files = new ArrayList<>();
        Map<String, SafetensorsFile> owner = new TreeMap<>();
        try {
            for (Path path : paths) {
                SafetensorsFile file = SafetensorsFile.open(path);
                files.add(file);
                for (String name : file.names()) {
                    SafetensorsFile previous = owner.putIfAbsent(name, file);
                    if (previous != null) {
                        throw new SafetensorsException("tensor '" + name + "' is in both " + previous.path()
                                + " and " + path);
                    }
                }
            }
        } catch (RuntimeException e) {
            files.forEach(SafetensorsFile::close);
            throw e;
        }
        return new SafetensorsSource(List.copyOf(files), Collections.unmodifiableMap(owner));
    }

    public static SafetensorsSource open(Path path) {
        return open(List.of(path));
    }

    /** Metadata of all files, later files winning on equal keys. */
    public Map<String, String> metadata() {
        Map<String, String> merged = new LinkedHashMap<>();
        files.forEach(file -> merged.putAll(file.metadata()));
        return merged;
    }

    @Override
    public Set<String> names() {
        return owner.keySet();
    }

    @Override
    public boolean contains(String name) {
        return owner.containsKey(name);
    }

    @Override
    public TensorInfo info(String name) {
        SafetensorsEntry entry = file(name).entry(name);
        return new TensorInfo(name, entry.dtype().loadedType(), entry.shape());
    }

    /** The stored dtype (before widening), e.g. to report a checkpoint's precision. */
    public SafetensorsDType storedType(String name) {
        return file(name).entry(name).dtype();
    }

    @Override
    public NDArray load(String name, NDManager manager) {
        return file(name).load(name, manager);
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile file = owner.get(name);
        if (file == null) {
            throw new MissingTensorException(name);
        }
        return file;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }
}
