-- The send result applied to an outbound inbox reply, so a replayed report is a duplicate (as for campaign sends).
ALTER TABLE "inbox_messages" ADD COLUMN     "resultEventId" TEXT;
