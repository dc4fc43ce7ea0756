-- The leads list at a million leads: fragment search, custom-field equality and tag filters use
-- indexes instead of walking every lead of the organization in email order.

-- Search is ILIKE '%fragment%' on email, first name, last name and company: one trigram GIN index
-- over the four columns serves each arm of the OR (a bitmap OR over the same index).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX "leads_search_trgm_idx" ON "leads" USING GIN ("email" gin_trgm_ops, "firstName" gin_trgm_ops, "lastName" gin_trgm_ops, "company" gin_trgm_ops);

-- The custom-field filter "key:value" matches leads whose field holds exactly that string. Prisma
-- can only say it as a path lookup, which no index serves, so PostgreSQL derives one entry per
-- string-valued field, "<key length>:<key><value>" (the length keeps a key holding a colon apart
-- from a value holding one), and the filter becomes an array containment on a GIN index.
CREATE FUNCTION lead_custom_field_entries(fields jsonb) RETURNS text[]
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$
    SELECT coalesce(array_agg(length(entry.key) || ':' || entry.key || (entry.value #>> '{}')), '{}')
    FROM jsonb_each(CASE WHEN jsonb_typeof(fields) = 'object' THEN fields ELSE '{}' END) AS entry
    WHERE jsonb_typeof(entry.value) = 'string'
  $$;

ALTER TABLE "leads" ADD COLUMN "customFieldEntries" TEXT[] GENERATED ALWAYS AS (lead_custom_field_entries("customFields")) STORED;

CREATE INDEX "leads_customFieldEntries_idx" ON "leads" USING GIN ("customFieldEntries");

-- The tag filter is an array containment too.
CREATE INDEX "leads_tags_idx" ON "leads" USING GIN ("tags");
