import { describe, expect, it } from 'vitest';
import { GroupedCalls } from './groupedCalls.js';

describe('GroupedCalls', () => {
  it('sends the first call alone and the calls that arrive meanwhile together, each answered with its own output', async () => {
    const batches: number[][] = [];
    const calls = new GroupedCalls<number, number>(
      async (inputs) => {
        batches.push(inputs);
        await new Promise((resolve) => setTimeout(resolve, 5));
        return inputs.map((input) => input * 10);
      },
      { maxBatch: 3, maxConcurrent: 1 },
    );
    const outputs = await Promise.all([1, 2, 3, 4, 5, 6].map((input) => calls.call(input)));
    expect(outputs).toEqual([10, 20, 30, 40, 50, 60]);
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
  });

  it('fails only the call whose input fails when its batch is retried call by call', async () => {
    const calls = new GroupedCalls<number, number>(
      async (inputs) => {
        if (inputs.includes(2)) throw new Error('bad input');
        return inputs;
      },
      { maxBatch: 10, maxConcurrent: 1 },
    );
    const results = await Promise.allSettled([1, 2, 3].map((input) => calls.call(input)));
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
