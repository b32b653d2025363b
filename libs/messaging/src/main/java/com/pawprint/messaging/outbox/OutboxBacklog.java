package com.pawprint.messaging.outbox;

import java.time.Duration;

/** What the outbox still holds: how many events are unsent and how long the oldest of them has waited. */
public record OutboxBacklog(long pendingEvents, Duration oldestWait) {
}
