-- GET /leads?pageId= newest first, keyset on (created_time, id), like lead_list_idx and lead_form_list_idx.
CREATE INDEX lead_page_list_idx ON lead (workspace_id, page_id, created_time DESC, id DESC);
-- POST /privacy/erasure finds a person's leads by normalised phone as well as by e-mail.
CREATE INDEX lead_phone_idx ON lead (workspace_id, phone);
