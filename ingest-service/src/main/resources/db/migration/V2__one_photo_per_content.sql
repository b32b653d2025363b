-- Parallel uploads of one photo each pass the near-duplicate check before either is stored; the database keeps
-- the first and refuses the rest, whatever the concurrency.
alter table photos add constraint photos_pet_content unique (pet_id, sha256);
