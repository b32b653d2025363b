package com.pawprint.tenancy;

import com.pawprint.web.ProblemException;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.Function;

/** The tenant the current request authenticated as; filled by {@link AuthenticationFilter}. */
@RequestScoped
public class TenantContext {

    private String tenantId;

    void authenticate(String tenantId) {
        this.tenantId = tenantId;
    }

    public boolean isAuthenticated() {
        return tenantId != null;
    }

    /** @throws IllegalStateException on a public or admin endpoint, where there is no tenant: a coding error */
    public String tenantId() {
        if (tenantId == null) {
            throw new IllegalStateException("No authenticated tenant on this request");
        }
        return tenantId;
    }

    /**
     * Passes when the current tenant owns a resource; otherwise (another tenant's, or none at all, as
     * {@code ownerTenantId == null}) throws a 404 problem, so that nobody can tell the two apart.
     *
     * @param what the resource kind for the message, e.g. {@code "pet"}
     */
    public void requireOwned(String ownerTenantId, String what, Object id) {
        if (ownerTenantId == null || !ownerTenantId.equals(tenantId())) {
            throw ProblemException.notFound(what, id);
        }
    }

    /**
     * {@code resource} itself when the current tenant owns it, else a 404 problem; a null resource is a 404 too.
     * Typical use: {@code Pet pet = tenant.requireOwned(Pet.findById(id), p -> p.tenantId, "pet", id);}
     */
    public <T> T requireOwned(T resource, Function<? super T, String> ownerOf, String what, Object id) {
        requireOwned(resource == null ? null : ownerOf.apply(resource), what, id);
        return resource;
    }
}
