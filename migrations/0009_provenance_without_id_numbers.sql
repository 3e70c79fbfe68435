-- Provenance ids never embed an ID number (issue 10, finding 2). An entity first seen as a
-- party was named 'party:p:<ID number>'; it becomes 'party:person:<entity id>' (new ones
-- name the record and field they were first seen in). A committee seat was named
-- '<evaluation id>#<expert code>'; it becomes '<evaluation id>#expert:<expert id>'.
-- Entity heads whose ledger hash matched the row before are re-hashed to the renamed row,
-- so verification still holds; a row that had already been tampered with stays reported.
WITH matched AS (
  SELECT h.source_id, h.record_type, h.record_id
  FROM record_heads h JOIN entities x ON x.id = h.target_id
  WHERE h.record_type = 'entity' AND x.kind = 'person' AND x.source_record_id LIKE 'party:p:%'
    AND h.stored_hash = encode(sha256(convert_to(x::text, 'UTF8')), 'hex')
), renamed AS (
  UPDATE entities SET source_record_id = 'party:person:' || id
  WHERE kind = 'person' AND source_record_id LIKE 'party:p:%'
  RETURNING *
)
UPDATE record_heads h SET stored_hash = encode(sha256(convert_to(r::text, 'UTF8')), 'hex')
FROM renamed r, matched m
WHERE h.target_id = r.id AND h.source_id = m.source_id AND h.record_type = m.record_type AND h.record_id = m.record_id;
--> statement-breakpoint
UPDATE committee_members cm SET source_record_id = ec.source_record_id || '#expert:' || cm.expert_id
FROM evaluation_committees ec
WHERE ec.id = cm.committee_id AND cm.source_record_id <> ec.source_record_id || '#expert:' || cm.expert_id;
