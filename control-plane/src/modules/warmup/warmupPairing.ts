/** One mailbox of a warm-up pool as the pairing sees it. */
export interface PoolMember {
  mailboxId: string;
  /** Warm-up messages this mailbox is to send in the planned batch. */
  sends: number;
  /** Warm-up messages it already receives on the day (earlier plans): the pairing evens this out. */
  receivedSoFar: number;
}

/**
 * Pairs every planned send with a recipient from the pool: never the sender itself, each time the
 * member that receives least so far (then the one this sender wrote to least, then the pool's order),
 * so recipients spread evenly over the pool and a sender spreads its messages over the others.
 * Deterministic: the same pool gives the same pairs. Needs at least two members to pair anything.
 */
export function pairRecipients(pool: PoolMember[]): Array<{ senderId: string; recipientId: string }> {
  if (pool.length < 2) return [];
  const received = new Map(pool.map((member) => [member.mailboxId, member.receivedSoFar]));
  const written = new Map<string, number>();
  const order = new Map(pool.map((member, index) => [member.mailboxId, index]));
  const remaining = new Map(pool.map((member) => [member.mailboxId, member.sends]));
  const pairs: Array<{ senderId: string; recipientId: string }> = [];
  // Round-robin over the senders, one send each per round, so no sender takes the emptiest inboxes first.
  for (let round = 0; [...remaining.values()].some((left) => left > 0); round += 1) {
    for (const sender of pool) {
      if ((remaining.get(sender.mailboxId) ?? 0) <= 0) continue;
      const recipient = pool
        .filter((member) => member.mailboxId !== sender.mailboxId)
        .sort(
          (a, b) =>
            received.get(a.mailboxId)! - received.get(b.mailboxId)! ||
            (written.get(`${sender.mailboxId}>${a.mailboxId}`) ?? 0) - (written.get(`${sender.mailboxId}>${b.mailboxId}`) ?? 0) ||
            order.get(a.mailboxId)! - order.get(b.mailboxId)!,
        )[0]!;
      pairs.push({ senderId: sender.mailboxId, recipientId: recipient.mailboxId });
      received.set(recipient.mailboxId, received.get(recipient.mailboxId)! + 1);
      const key = `${sender.mailboxId}>${recipient.mailboxId}`;
      written.set(key, (written.get(key) ?? 0) + 1);
      remaining.set(sender.mailboxId, remaining.get(sender.mailboxId)! - 1);
    }
  }
  return pairs;
}
