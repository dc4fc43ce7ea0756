-- CreateTable
CREATE TABLE "campaign_enrollment_counts" (
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "state" "EnrollmentState" NOT NULL,
    "enrolled" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_enrollment_counts_pkey" PRIMARY KEY ("campaignId","state")
);

-- CreateTable
CREATE TABLE "campaign_enrollment_deltas" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "state" "EnrollmentState" NOT NULL,
    "change" INTEGER NOT NULL,

    CONSTRAINT "campaign_enrollment_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaign_enrollment_deltas_campaignId_idx" ON "campaign_enrollment_deltas"("campaignId");

-- A campaign's enrolments by state, for its stats (docs/performance.md, issue 21): every statement that
-- enrols, changes states or removes enrolments appends its net change per campaign and state, and the stats
-- read folds the changes into campaign_enrollment_counts (as campaign_stats_deltas into campaign_stats_daily).
-- Appending takes no lock on a shared row, so sends, stops and enrolments of one campaign never wait on each
-- other over a counter. Statement-level triggers: enrolling 100,000 leads in one statement appends one row.
-- The bodies are E'' strings with \073 for each semicolon: Prisma's driver-adapter migration runner splits
-- scripts at every semicolon character, even inside function bodies.
CREATE FUNCTION count_enrollment_changes() RETURNS TRIGGER
LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO campaign_enrollment_deltas ("organizationId", "campaignId", state, change)
    SELECT "organizationId", "campaignId", state, count(*)::int FROM added GROUP BY "organizationId", "campaignId", state\073
  ELSIF TG_OP = ''DELETE'' THEN
    INSERT INTO campaign_enrollment_deltas ("organizationId", "campaignId", state, change)
    SELECT "organizationId", "campaignId", state, -count(*)::int FROM removed GROUP BY "organizationId", "campaignId", state\073
  ELSE
    INSERT INTO campaign_enrollment_deltas ("organizationId", "campaignId", state, change)
    SELECT "organizationId", "campaignId", state, sum(change)::int
    FROM (
      SELECT "organizationId", "campaignId", state, 1 AS change FROM added
      UNION ALL
      SELECT "organizationId", "campaignId", state, -1 FROM removed
    ) changed
    GROUP BY "organizationId", "campaignId", state
    HAVING sum(change) <> 0\073
  END IF\073
  RETURN NULL\073
END
';
CREATE TRIGGER enrollments_count_on_insert
  AFTER INSERT ON "enrollments" REFERENCING NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION count_enrollment_changes();
CREATE TRIGGER enrollments_count_on_update
  AFTER UPDATE ON "enrollments" REFERENCING OLD TABLE AS removed NEW TABLE AS added
  FOR EACH STATEMENT EXECUTE FUNCTION count_enrollment_changes();
CREATE TRIGGER enrollments_count_on_delete
  AFTER DELETE ON "enrollments" REFERENCING OLD TABLE AS removed
  FOR EACH STATEMENT EXECUTE FUNCTION count_enrollment_changes();
-- Backfill from the enrolments made before this migration.
INSERT INTO campaign_enrollment_counts ("organizationId", "campaignId", state, enrolled)
  SELECT "organizationId", "campaignId", state, count(*) FROM enrollments GROUP BY "organizationId", "campaignId", state;
