-- Connects started before this change carry no browser binding and could not complete any more: drop them
-- (a state lives ten minutes, and the person starts again).
DELETE FROM "oauth_connect_states";

-- AlterTable
ALTER TABLE "oauth_connect_states" ADD COLUMN     "browserBindingHash" TEXT NOT NULL;
