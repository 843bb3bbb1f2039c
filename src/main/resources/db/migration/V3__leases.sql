-- Named leases that replicas claim for scheduled work, so that a job runs on one replica at a time and
-- a dead replica's lease simply expires.
CREATE TABLE scheduled_lease (
    name         varchar(100) PRIMARY KEY,
    owner        varchar(100) NOT NULL,
    lease_until  timestamptz  NOT NULL
);
