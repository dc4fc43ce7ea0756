// The claim items and send results the control plane speaks are the ones the n8n nodes compile
// against (custom-nodes/nodes/shared/contract.ts). Checked by the type checker (`tsc` covers test
// files), so a field renamed or renumbered on one side (`step` is 1-based on both) fails the build
// before it fails a workflow.
import { describe, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type { ClaimItem as NodesClaimItem, SendResult as NodesSendResult } from '../../../../../custom-nodes/nodes/shared/contract.js';
import type { sendResultSchema } from '../sending.schemas.js';
import type { ClaimItem } from './claimDueSends.js';

describe('the claim contract shared with the n8n nodes', () => {
  it('hands out items the nodes read as their ClaimItem, step included', () => {
    expectTypeOf<ClaimItem>().toExtend<NodesClaimItem>();
    expectTypeOf<ClaimItem['step']>().toEqualTypeOf<NodesClaimItem['step']>();
  });

  it('accepts every result the nodes produce (Report to Control Plane adds the eventId)', () => {
    // Plain assignability of the result's fields (spread: the schema reads results leniently, with an index signature).
    const accepted = (result: NodesSendResult & { eventId: string }): z.input<typeof sendResultSchema> => ({ ...result });
    expectTypeOf(accepted).returns.toEqualTypeOf<z.input<typeof sendResultSchema>>();
  });
});
