import { describe, expect, it } from 'vitest';
import { nextStatus } from '../modules/campaigns/campaignStatus.js';
import { counted, withArticle } from './words.js';

describe('words in messages', () => {
  it('puts the article a word takes, and the plural a count takes', () => {
    expect(withArticle('active', { capital: true })).toBe('An active');
    expect(withArticle('paused')).toBe('a paused');
    expect(counted(1, 'step')).toBe('1 step');
    expect(counted(2, 'step')).toBe('2 steps');
  });

  it('says "An active campaign", not "A active campaign"', () => {
    expect(() => nextStatus('active', 'start')).toThrow(/^An active campaign cannot start; allowed from: /);
    expect(() => nextStatus('archived', 'pause')).toThrow(/^An archived campaign cannot pause/);
    expect(() => nextStatus('draft', 'pause')).toThrow(/^A draft campaign cannot pause/);
  });
});
