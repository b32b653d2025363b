package com.pawprint.tenancy;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource method or class for the operator: it takes {@code Authorization: Bearer <pawprint.auth.admin-token>}
 * instead of a tenant token, and has no tenant.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface AdminOnly {}
