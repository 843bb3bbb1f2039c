-- Lead quality score (outbound issue): 0-100 with the reasons, computed when the lead is stored
-- (io.metasync.leads.LeadScorer, in the inserting transaction). NULL for leads stored before.
ALTER TABLE lead ADD COLUMN quality_score smallint;
ALTER TABLE lead ADD COLUMN quality_reasons jsonb NOT NULL DEFAULT '[]';
