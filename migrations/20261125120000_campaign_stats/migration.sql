-- Campaign statistics pre-aggregated from events (docs/performance.md, "Campaign statistics"): every event
-- appends a delta, and reads fold the deltas into one row per campaign, day, step, variant, mailbox and metric.

-- CreateTable
CREATE TABLE "campaign_stats_daily" (
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "stepPosition" INTEGER NOT NULL,
    "variantId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "total" BIGINT NOT NULL DEFAULT 0,
    "uniqueMessages" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "campaign_stats_daily_pkey" PRIMARY KEY ("campaignId","day","stepPosition","variantId","mailboxId","metric")
);

-- CreateTable
CREATE TABLE "message_metrics_seen" (
    "organizationId" UUID NOT NULL,
    "messageId" UUID NOT NULL,
    "metric" TEXT NOT NULL,

    CONSTRAINT "message_metrics_seen_pkey" PRIMARY KEY ("messageId","metric")
);

-- CreateTable
CREATE TABLE "campaign_stats_deltas" (
    "id" BIGSERIAL NOT NULL,
    "organizationId" UUID NOT NULL,
    "campaignId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "stepPosition" INTEGER NOT NULL,
    "variantId" UUID NOT NULL,
    "mailboxId" UUID NOT NULL,
    "metric" TEXT NOT NULL,
    "uniqueMessage" INTEGER NOT NULL,

    CONSTRAINT "campaign_stats_deltas_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "campaign_stats_deltas_campaignId_idx" ON "campaign_stats_deltas"("campaignId");

-- The metric an event counts under: opens and clicks split by the machine flag the tracking module
-- records, and a bounce is soft when its data says so (kind "soft" or a 4.x.x status), as mailbox health reads it.
CREATE FUNCTION campaign_event_metric(event_type "EventType", data JSONB) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN event_type IN ('opened', 'clicked') THEN
      event_type::text || CASE WHEN COALESCE((data ->> 'machine')::boolean, false) THEN '_machine' ELSE '_human' END
    WHEN event_type = 'bounced' AND (data ->> 'kind' = 'soft' OR data ->> 'status' LIKE '4.%') THEN 'bounced_soft'
    ELSE event_type::text
  END
$$;

-- Counts one event: appends a delta row to campaign_stats_deltas, which the stats reads fold into
-- campaign_stats_daily. Appending takes no lock on a shared row, so concurrent transactions that record
-- many events (a batch of send results) never wait on each other or deadlock over hot counters.
-- An event counts once, when it first carries a campaign: on insert, or on an update that sets
-- campaignId. The triggers are deferred to commit, so they read the message as the transaction left it.
-- The primary key of message_metrics_seen makes "first of its metric for this message" exact under
-- concurrency: a second transaction waits for the first, then inserts nothing.
-- The body is an E'' string with \073 for each semicolon: Prisma's driver-adapter migration runner
-- splits scripts at every semicolon character, even inside function bodies.
CREATE FUNCTION count_campaign_event() RETURNS TRIGGER
LANGUAGE plpgsql AS E'
BEGIN
  WITH message AS (
    SELECT m."stepPosition", m."variantId", m."mailboxId" FROM messages m WHERE m.id = NEW."messageId"
  ), seen AS (
    INSERT INTO message_metrics_seen ("organizationId", "messageId", metric)
    SELECT NEW."organizationId", NEW."messageId", campaign_event_metric(NEW.type, NEW.data) WHERE NEW."messageId" IS NOT NULL
    ON CONFLICT DO NOTHING
    RETURNING 1
  )
  INSERT INTO campaign_stats_deltas ("organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, "uniqueMessage")
  SELECT
    NEW."organizationId",
    NEW."campaignId",
    ((NEW."occurredAt" AT TIME ZONE ''UTC'') AT TIME ZONE COALESCE((SELECT c.timezone FROM campaigns c WHERE c.id = NEW."campaignId"), ''UTC''))::date,
    COALESCE((SELECT "stepPosition" FROM message), -1),
    COALESCE((SELECT "variantId" FROM message), ''00000000-0000-0000-0000-000000000000''::uuid),
    COALESCE(NEW."mailboxId", (SELECT "mailboxId" FROM message), ''00000000-0000-0000-0000-000000000000''::uuid),
    campaign_event_metric(NEW.type, NEW.data),
    CASE WHEN NEW."messageId" IS NULL OR EXISTS (SELECT 1 FROM seen) THEN 1 ELSE 0 END\073
  RETURN NULL\073
END
';

CREATE CONSTRAINT TRIGGER events_count_campaign_stats_on_insert
  AFTER INSERT ON "events"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (NEW."campaignId" IS NOT NULL)
  EXECUTE FUNCTION count_campaign_event();

CREATE CONSTRAINT TRIGGER events_count_campaign_stats_on_campaign_set
  AFTER UPDATE OF "campaignId" ON "events"
  DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (OLD."campaignId" IS NULL AND NEW."campaignId" IS NOT NULL)
  EXECUTE FUNCTION count_campaign_event();

-- Backfill from the events recorded before this migration.
INSERT INTO message_metrics_seen ("organizationId", "messageId", metric)
  SELECT DISTINCT e."organizationId", e."messageId", campaign_event_metric(e.type, e.data)
  FROM events e WHERE e."campaignId" IS NOT NULL AND e."messageId" IS NOT NULL;

INSERT INTO campaign_stats_daily ("organizationId", "campaignId", day, "stepPosition", "variantId", "mailboxId", metric, total, "uniqueMessages")
  SELECT "organizationId", "campaignId", day, step, variant, mailbox, metric, count(*), count(*) FILTER (WHERE first_for_message)
  FROM (
    SELECT e."organizationId", e."campaignId",
      ((e."occurredAt" AT TIME ZONE 'UTC') AT TIME ZONE COALESCE(c.timezone, 'UTC'))::date AS day,
      COALESCE(m."stepPosition", -1) AS step,
      COALESCE(m."variantId", '00000000-0000-0000-0000-000000000000') AS variant,
      COALESCE(e."mailboxId", m."mailboxId", '00000000-0000-0000-0000-000000000000') AS mailbox,
      campaign_event_metric(e.type, e.data) AS metric,
      e."messageId" IS NULL OR row_number() OVER (PARTITION BY e."messageId", campaign_event_metric(e.type, e.data) ORDER BY e."occurredAt", e.id) = 1 AS first_for_message
    FROM events e
    LEFT JOIN campaigns c ON c.id = e."campaignId"
    LEFT JOIN messages m ON m.id = e."messageId"
    WHERE e."campaignId" IS NOT NULL
  ) counted
  GROUP BY "organizationId", "campaignId", day, step, variant, mailbox, metric;
