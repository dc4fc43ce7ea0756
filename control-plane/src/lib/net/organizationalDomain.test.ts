import { describe, expect, it } from 'vitest';
import { organizationalDomain, relaxedAligned } from './organizationalDomain.js';

describe('organizationalDomain', () => {
  it('keeps one label under the public suffix, multi-label suffixes included', () => {
    expect(organizationalDomain('mail.example.co.uk')).toBe('example.co.uk');
    expect(organizationalDomain('a.b.example.com')).toBe('example.com');
    expect(organizationalDomain('Mail.Example.COM.')).toBe('example.com');
    expect(organizationalDomain('mail.sub.test')).toBe('sub.test');
  });

  it('leaves a public suffix, an address and a single label as they are', () => {
    expect(organizationalDomain('co.uk')).toBe('co.uk');
    expect(organizationalDomain('192.0.2.1')).toBe('192.0.2.1');
    expect(organizationalDomain('localhost')).toBe('localhost');
  });
});

describe('relaxedAligned', () => {
  it('aligns a subdomain with its organizational domain, not with a neighbour under the same suffix', () => {
    expect(relaxedAligned('mail.example.co.uk', 'example.co.uk')).toBe(true);
    expect(relaxedAligned('smtp.example.co.uk', 'news.example.co.uk')).toBe(true);
    expect(relaxedAligned('mail.example.co.uk', 'other.co.uk')).toBe(false);
  });
});
