-- Name search (searchEntities): trigram similarity over a normalised name key, so that
-- full-width characters, spacing, punctuation and the two spellings of a limited company
-- (有限公司 / 有限责任公司) do not keep a platform's spelling from finding the entity.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hub_name_key(name text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  AS $$ select regexp_replace(replace(lower(normalize(name, NFKC)), '有限责任公司', '有限公司'), '[[:space:][:punct:]、，。·・“”‘’《》【】]', '', 'g') $$;
