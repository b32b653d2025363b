package com.pawprint.tenancy;

import com.pawprint.web.ProblemException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.HttpHeaders;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Authenticates every matched resource method: {@link AdminOnly} ones take the admin credential, every other one
 * under {@code /v1} takes a tenant's bearer token unless it is a {@link PublicEndpoint}. Failures are 401 problems
 * with an RFC 6750 {@code WWW-Authenticate} challenge.
 */
public class AuthenticationFilter {

    static final String API_PREFIX = "/v1";
    private static final String BEARER = "Bearer ";
    private static final String REALM = "Bearer realm=\"pawprint\"";

    private final TokenService tokens;
    private final RevokedKeys revokedKeys;
    private final TenantContext tenant;
    private final Optional<byte[]> adminTokenDigest;

    AuthenticationFilter(TokenService tokens, RevokedKeys revokedKeys, TenantContext tenant, AuthConfig config) {
        this.tokens = tokens;
        this.revokedKeys = revokedKeys;
        this.tenant = tenant;
        // Comparing digests keeps the comparison constant-time even when the lengths differ.
        this.adminTokenDigest = config.adminToken().filter(token -> !token.isBlank()).map(AuthenticationFilter::digest);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public void authenticate(ContainerRequestContext request, ResourceInfo resource) {
        if (isAnnotated(resource, AdminOnly.class)) {
            requireAdmin(request);
        } else if (isUnderApi(request) && !isAnnotated(resource, PublicEndpoint.class)) {
            requireTenant(request);
        }
    }

    private void requireAdmin(ContainerRequestContext request) {
        String presented = bearerToken(request)
                .orElseThrow(() -> ProblemException.unauthorized("Admin credential required", REALM));
        if (adminTokenDigest.isEmpty() || !MessageDigest.isEqual(adminTokenDigest.get(), digest(presented))) {
            throw ProblemException.unauthorized("Invalid admin credential", REALM + ", error=\"invalid_token\"");
        }
    }

    private void requireTenant(ContainerRequestContext request) {
        String token = bearerToken(request)
                .orElseThrow(() -> ProblemException.unauthorized("Bearer token required", REALM));
        VerifiedToken verified;
        try {
            verified = tokens.verify(token);
        } catch (InvalidTokenException invalid) {
            throw ProblemException.unauthorized("Invalid bearer token: " + invalid.getMessage(),
                    REALM + ", error=\"invalid_token\"");
        }
        if (revokedKeys.isRevoked(verified.apiKeyId())) {
            throw ProblemException.unauthorized("Invalid bearer token: its API key is revoked",
                    REALM + ", error=\"invalid_token\"");
        }
        tenant.authenticate(verified.tenantId());
        MDC.put(LogContext.TENANT_ID, verified.tenantId());
    }

    private static Optional<String> bearerToken(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    private static boolean isUnderApi(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.equals(API_PREFIX) || path.startsWith(API_PREFIX + "/");
    }

    private static boolean isAnnotated(ResourceInfo resource, Class<? extends Annotation> annotation) {
        Method method = resource.getResourceMethod();
        Class<?> type = resource.getResourceClass();
        return (method != null && method.isAnnotationPresent(annotation))
                || (type != null && type.isAnnotationPresent(annotation));
    }

    private static byte[] digest(String token) {
        return ApiKeys.sha256(token.getBytes(StandardCharsets.UTF_8));
    }
}
