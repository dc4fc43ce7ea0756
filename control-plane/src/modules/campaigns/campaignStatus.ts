import type { CampaignStatus } from '../../generated/prisma/enums.js';
import { AppError } from '../../lib/errors.js';
import { withArticle } from '../../lib/words.js';

export type CampaignAction = 'start' | 'pause' | 'resume' | 'complete' | 'archive';

const transitions: Record<CampaignAction, { from: CampaignStatus[]; to: CampaignStatus }> = {
  start: { from: ['draft'], to: 'active' },
  pause: { from: ['active'], to: 'paused' },
  resume: { from: ['paused'], to: 'active' },
  complete: { from: ['active', 'paused'], to: 'completed' },
  archive: { from: ['draft', 'active', 'paused', 'completed'], to: 'archived' },
};

/** draft -> active <-> paused -> completed / archived; anything else is refused with the reason. */
export function nextStatus(current: CampaignStatus, action: CampaignAction): CampaignStatus {
  const transition = transitions[action];
  if (!transition.from.includes(current)) {
    throw new AppError(
      'invalid_state',
      `${withArticle(current, { capital: true })} campaign cannot ${action}; allowed from: ${transition.from.join(', ')}`,
      {
        status: current,
      },
    );
  }
  return transition.to;
}
