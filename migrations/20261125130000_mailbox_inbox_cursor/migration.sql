-- The inbox watcher's cursor is per provider (a Gmail history id, an IMAP UIDVALIDITY:UID pair, a Graph delta link), not only Gmail's history id.
ALTER TABLE "mailboxes" RENAME COLUMN "historyId" TO "inboxCursor";
