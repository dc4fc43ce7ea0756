import { describe, expect, it } from 'vitest';
import { isPublicAddress, outboundDestination, OutboundDestinationRefused } from './outboundDestination.js';

describe('isPublicAddress', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.20.0.5', 'private (docker networks)'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['100.64.0.1', 'carrier-grade NAT'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.251', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified IPv6'],
    ['::1', 'IPv6 loopback'],
    ['0:0:0:0:0:0:0:1', 'IPv6 loopback, expanded'],
    ['fd12:3456::1', 'unique local'],
    ['fe80::1', 'IPv6 link-local'],
    ['ff02::1', 'IPv6 multicast'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['0:0:0:0:0:ffff:a00:1', 'IPv4-mapped private, expanded'],
    ['::127.0.0.1', 'IPv4-compatible loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of link-local'],
    ['not an address', 'not an IP at all'],
  ])('refuses %s (%s)', (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });

  it.each(['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808'])('allows %s', (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });
});

describe('outboundDestination', () => {
  const resolvingTo = (addresses: string[]) => ({ denyPrivate: true, resolve: async () => addresses });

  it('uses the host as given when private destinations are allowed', async () => {
    expect(await outboundDestination('localhost', { denyPrivate: false })).toEqual({ address: 'localhost' });
  });

  it('connects to the address it checked and keeps the host name for TLS, so a second lookup cannot rebind it', async () => {
    expect(await outboundDestination('smtp.example.com', resolvingTo(['93.184.216.34', '2606:2800:220:1::1']))).toEqual({
      address: '93.184.216.34',
      servername: 'smtp.example.com',
    });
  });

  it('refuses a host with any private address among its answers, and one that does not resolve', async () => {
    await expect(outboundDestination('mixed.example.com', resolvingTo(['93.184.216.34', '10.0.0.7']))).rejects.toBeInstanceOf(
      OutboundDestinationRefused,
    );
    await expect(outboundDestination('nowhere.example.com', resolvingTo([]))).rejects.toBeInstanceOf(OutboundDestinationRefused);
    const failing = { denyPrivate: true, resolve: () => Promise.reject(new Error('ENOTFOUND')) };
    await expect(outboundDestination('nowhere.example.com', failing)).rejects.toBeInstanceOf(OutboundDestinationRefused);
  });

  it('checks IP literals without a lookup and sends no SNI for them', async () => {
    await expect(outboundDestination('127.0.0.1', { denyPrivate: true })).rejects.toBeInstanceOf(OutboundDestinationRefused);
    await expect(outboundDestination('[::1]', { denyPrivate: true })).rejects.toBeInstanceOf(OutboundDestinationRefused);
    expect(await outboundDestination('8.8.8.8', { denyPrivate: true })).toEqual({ address: '8.8.8.8' });
  });

  it('resolves names through DNS: localhost is refused', async () => {
    await expect(outboundDestination('localhost', { denyPrivate: true })).rejects.toBeInstanceOf(OutboundDestinationRefused);
  });
});
