package com.pawprint.ingest.service;

import com.pawprint.ingest.storage.Job;
import com.pawprint.ingest.storage.Pet;
import com.pawprint.storage.ObjectKeys;
import com.pawprint.storage.ObjectStore;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.UUID;

/**
 * Deletes a pet and everything derived from it (privacy). Every stage writes under the pet's object prefix, so
 * deleting the prefix removes photos, datasets, LoRAs, renders and merch; unfinished jobs are cancelled on
 * jobs.progress so the later stages stop working on them.
 */
@ApplicationScoped
public class PetDeletionService {

    private static final Logger LOG = Logger.getLogger(PetDeletionService.class);

    private final PetService pets;
    private final JobService jobs;
    private final ObjectStore objects;

    public PetDeletionService(PetService pets, JobService jobs, ObjectStore objects) {
        this.pets = pets;
        this.jobs = jobs;
        this.objects = objects;
    }

    public void delete(String tenantId, UUID petId) {
        Pet pet = pets.get(tenantId, petId);
        String prefix = ObjectKeys.pet(pet.tenantId, pet.id.toString()).prefix();
        // Objects first: if that fails the pet is still there and the client can retry the deletion.
        objects.deletePrefix(prefix);
        QuarkusTransaction.requiringNew().run(() -> {
            List<Job> running = Job.<Job>find("petId = ?1", pet.id).withLock(LockModeType.PESSIMISTIC_WRITE).list()
                    .stream().filter(job -> !job.status.isTerminal()).toList();
            running.forEach(job -> jobs.announceCancel(job, "the pet was deleted"));
            // The cancellations are written before the rows they touch disappear (the delete below is a bulk one).
            Pet.flush();
            // Photos and jobs go with the pet (on delete cascade).
            Pet.delete("id", pet.id);
            LOG.infof("pet %s deleted; %d unfinished job(s) canceled", pet.id, running.size());
        });
        // A stage or an upload that wrote while the rows were going leaves no object behind.
        objects.deletePrefix(prefix);
    }
}
