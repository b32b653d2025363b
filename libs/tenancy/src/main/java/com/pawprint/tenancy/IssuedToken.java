package com.pawprint.tenancy;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An access token as answered by the token exchange, in OAuth 2.0 token-response shape (RFC 6749 §5.1). */
public record IssuedToken(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresInSeconds) {

    @Override
    public String toString() {
        return "IssuedToken[type=" + tokenType + ", expiresIn=" + expiresInSeconds + "]";
    }
}
