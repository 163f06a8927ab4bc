-- Prepare runs as a Hangfire job. The campaign keeps the id of the job that prepares it, so that the sweeper can tell a
-- campaign left `preparing` with no live job (a crash between the status write and the enqueue, a failed run) from one
-- whose job is merely waiting in a busy queue.
alter table campaigns.campaigns add column prepare_job_id text;
