/**
 * A real DNS server on 127.0.0.1 (dns2, UDP) answering for mail domains, for lead address
 * verification's tests and benchmark. Each domain is one of: has an MX, has only an A record, does
 * not exist (NXDOMAIN), or never answers (the client times out). Every query is counted.
 */
import dns2 from 'dns2';

export type MailDomainKind = 'mx' | 'a_only' | 'nxdomain' | 'silent';

export interface MailDomainDnsServer {
  /** "127.0.0.1:<port>", for OPHIR_DNS_SERVERS or Resolver.setServers. */
  address: string;
  /** Queries received, all names and types. */
  queries(): number;
  close(): Promise<void>;
}

export async function startMailDomainDnsServer(kindOf: (domain: string) => MailDomainKind | undefined): Promise<MailDomainDnsServer> {
  const { Packet } = dns2;
  let queries = 0;
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      queries += 1;
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      const name = question?.name.toLowerCase() ?? '';
      const kind = kindOf(name);
      if (kind === 'silent') return;
      if (!kind || kind === 'nxdomain') {
        response.header.rcode = Packet.RCODE.NXDOMAIN;
      } else if (question?.type === Packet.TYPE.MX && kind === 'mx') {
        response.answers.push({ name, type: Packet.TYPE.MX, class: Packet.CLASS.IN, ttl: 300, exchange: `mx.${name}`, priority: 10 });
      } else if (question?.type === Packet.TYPE.A && kind === 'a_only') {
        response.answers.push({ name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 300, address: '192.0.2.1' });
      }
      // Any other question about a name that exists: no answer, no error (NODATA).
      void send(response);
    },
  });
  const addresses = await server.listen({ udp: { port: 0, address: '127.0.0.1' } });
  return {
    address: `127.0.0.1:${addresses.udp!.port}`,
    queries: () => queries,
    close: () => server.close(),
  };
}
