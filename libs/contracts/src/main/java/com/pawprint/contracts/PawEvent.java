package com.pawprint.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * An event of the PawPrint chain. The JSON body names its type in a {@code type} field equal to the CloudEvents
 * {@code ce_type}, so a payload can be decoded without its headers (for example from a dead letter).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = PhotosIngested.class, name = PhotosIngested.TYPE),
        @JsonSubTypes.Type(value = CaptionsReady.class, name = CaptionsReady.TYPE),
        @JsonSubTypes.Type(value = LoraTrained.class, name = LoraTrained.TYPE),
        @JsonSubTypes.Type(value = RendersDone.class, name = RendersDone.TYPE),
        @JsonSubTypes.Type(value = MerchReady.class, name = MerchReady.TYPE),
        @JsonSubTypes.Type(value = JobProgress.class, name = JobProgress.TYPE)
})
public sealed interface PawEvent
        permits PhotosIngested, CaptionsReady, LoraTrained, RendersDone, MerchReady, JobProgress {

    EventMetadata metadata();

    /** The topic this event is published on. */
    @JsonIgnore
    String topic();

    /** The CloudEvents type, {@code com.pawprint.<topic>.v<major>}. */
    @JsonIgnore
    String type();
}
