package com.pawprint.diffusion.device;

import ai.djl.pytorch.jni.JniUtils;

/**
 * PyTorch's autograd switch is per thread and on by default; DJL turns it off only on the thread that started the
 * engine. On any other thread (a service's worker or request thread) in-place weight updates then fail with "a leaf
 * Variable that requires grad is being used in an in-place operation", and inference builds graphs it never uses.
 * Engine work switches it off on its own thread first; gradient collectors switch it on for their scope.
 */
public final class Autograd {

    private Autograd() {
    }

    public static void offOnThisThread() {
        JniUtils.setGradMode(false);
    }
}
