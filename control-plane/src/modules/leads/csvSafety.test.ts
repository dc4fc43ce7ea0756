import { describe, expect, it } from 'vitest';
import { neutraliseCell } from './csvSafety.js';

describe('neutraliseCell', () => {
  it('turns every formula start into text and leaves other cells alone', () => {
    for (const cell of ['=1+1', '+33 1 23', '-2', '@SUM(A1)', '\tTab', '\rCR']) expect(neutraliseCell(cell)).toBe(`'${cell}`);
    for (const cell of ['Ada', '', ' =not at start', 'a=b', "'already quoted"]) expect(neutraliseCell(cell)).toBe(cell);
  });
});
