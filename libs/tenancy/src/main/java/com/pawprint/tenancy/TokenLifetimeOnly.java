package com.pawprint.tenancy;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.UUID;

/** For services that do not own the keys: no key counts as revoked, and the token's short lifetime bounds it. */
@DefaultBean
@ApplicationScoped
public class TokenLifetimeOnly implements RevokedKeys {

    @Override
    public boolean isRevoked(UUID apiKeyId) {
        return false;
    }
}
