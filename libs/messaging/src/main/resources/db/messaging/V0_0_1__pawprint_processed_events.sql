-- libs/messaging: the event ids each consumer of this service has processed (ProcessedEvents.firstDelivery).
-- Runs in the service's own schema (quarkus.flyway.schemas / default-schema).
CREATE TABLE processed_events (
    consumer     VARCHAR(100)                NOT NULL,
    event_id     UUID                        NOT NULL,
    processed_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
    CONSTRAINT processed_events_pk PRIMARY KEY (consumer, event_id)
);
