-- Webhook signing secrets are stored sealed (AES-GCM, key from configuration), never in plain text. No deployment
-- held plain secrets when this landed, so the column is renamed, not converted.
alter table webhook_endpoints rename column secret to sealed_secret;
