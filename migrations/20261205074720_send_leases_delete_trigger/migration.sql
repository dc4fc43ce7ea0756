-- A claim leases its batch with one 500-row INSERT, and the foreign key to messages checked each row
-- (an index lookup and a key-share lock per row): half of that statement (docs/performance.md, "Claims at
-- scale"). A lease is only ever written for a message its own transaction holds locked FOR UPDATE
-- (claimStatements.leaseSends), so it cannot point at a missing message, and no message can be deleted
-- under it. What the key still did, deleting a message's lease with the message (a campaign, enrolment or
-- lead deleted), this trigger does once per DELETE statement on messages, cascaded deletes included.
ALTER TABLE "send_leases" DROP CONSTRAINT "send_leases_messageId_fkey";

-- The body is an E'' string with \073 for each semicolon: Prisma's migration runner splits scripts at every
-- semicolon character, even inside function bodies.
CREATE FUNCTION send_leases_delete_with_messages() RETURNS trigger
LANGUAGE plpgsql AS E'
BEGIN
  DELETE FROM send_leases l USING deleted_messages d WHERE l."messageId" = d.id\073
  RETURN NULL\073
END
';

CREATE TRIGGER messages_delete_their_leases
AFTER DELETE ON messages
REFERENCING OLD TABLE AS deleted_messages
FOR EACH STATEMENT EXECUTE FUNCTION send_leases_delete_with_messages();
