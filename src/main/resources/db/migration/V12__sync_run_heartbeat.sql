-- A running sync run's replica touches heartbeat_at (database time) while it works; a run whose heartbeat
-- stopped (its replica crashed or was killed) is marked failed by the sweeper, so no run stays "running"
-- forever. Its work resumes from the committed checkpoints on the next run.
ALTER TABLE sync_run ADD COLUMN heartbeat_at timestamptz;
UPDATE sync_run SET heartbeat_at = coalesce(finished_at, started_at, created_at);
CREATE INDEX sync_run_active_idx ON sync_run (heartbeat_at) WHERE status IN ('queued', 'running');
