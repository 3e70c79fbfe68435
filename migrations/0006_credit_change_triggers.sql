-- The credit change feed (credit_changes), kept by triggers so that every path that writes
-- blacklist entries or penalties (push, ETL, repairs by hand) feeds it.
--
-- Ordering: a bigserial id is taken when a row is inserted, not when its transaction
-- commits, so a reader paging "id > cursor" could pass over an id whose transaction commits
-- later. Every writer therefore takes one transaction-level advisory lock first: writers of
-- credit changes commit one after another, and the committed ids are always a prefix.
CREATE OR REPLACE FUNCTION hub_credit_change_blacklist() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    change := 'blacklist_added';
  ELSIF OLD.removed_on IS NULL AND NEW.removed_on IS NOT NULL THEN
    change := 'blacklist_removed';
  ELSIF (OLD.list_type, OLD.authority, OLD.basis, OLD.starts_on, OLD.ends_on, OLD.removed_on, OLD.removal_reason, OLD.entity_id)
        IS DISTINCT FROM (NEW.list_type, NEW.authority, NEW.basis, NEW.starts_on, NEW.ends_on, NEW.removed_on, NEW.removal_reason, NEW.entity_id) THEN
    change := 'blacklist_changed';
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(7150006);
  INSERT INTO credit_changes (kind, entity_id, blacklist_entry_id) VALUES (change, NEW.entity_id, NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION hub_credit_change_penalty() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  change text;
BEGIN
  IF NEW.published_on IS NULL THEN
    RETURN NULL; -- not public yet: nothing to mirror
  ELSIF TG_OP = 'INSERT' OR OLD.published_on IS NULL THEN
    change := 'penalty_published';
  ELSIF (OLD.decision_number, OLD.authority, OLD.decided_on, OLD.published_on, OLD.content, OLD.amount, OLD.entity_id)
        IS DISTINCT FROM (NEW.decision_number, NEW.authority, NEW.decided_on, NEW.published_on, NEW.content, NEW.amount, NEW.entity_id) THEN
    change := 'penalty_changed';
  ELSE
    RETURN NULL;
  END IF;
  PERFORM pg_advisory_xact_lock(7150006);
  INSERT INTO credit_changes (kind, entity_id, penalty_id) VALUES (change, NEW.entity_id, NEW.id);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER blacklist_entries_credit_change AFTER INSERT OR UPDATE ON blacklist_entries
  FOR EACH ROW EXECUTE FUNCTION hub_credit_change_blacklist();
--> statement-breakpoint
CREATE TRIGGER penalties_credit_change AFTER INSERT OR UPDATE ON penalties
  FOR EACH ROW EXECUTE FUNCTION hub_credit_change_penalty();
--> statement-breakpoint
-- What was already there becomes the start of the feed, in id order.
INSERT INTO credit_changes (kind, entity_id, blacklist_entry_id)
  SELECT 'blacklist_added', entity_id, id FROM blacklist_entries ORDER BY id;
--> statement-breakpoint
INSERT INTO credit_changes (kind, entity_id, blacklist_entry_id)
  SELECT 'blacklist_removed', entity_id, id FROM blacklist_entries WHERE removed_on IS NOT NULL ORDER BY id;
--> statement-breakpoint
INSERT INTO credit_changes (kind, entity_id, penalty_id)
  SELECT 'penalty_published', entity_id, id FROM penalties WHERE published_on IS NOT NULL ORDER BY id;
