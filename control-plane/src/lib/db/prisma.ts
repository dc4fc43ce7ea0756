import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client.js';
import { pgConnectionOptions } from './connectionOptions.js';

export { PrismaClient };
export type { Prisma } from '../../generated/prisma/client.js';

export function createPrismaClient(options: { databaseUrl: string; poolSize: number }): PrismaClient {
  const adapter = new PrismaPg(pgConnectionOptions(options.databaseUrl, { max: options.poolSize }));
  return new PrismaClient({ adapter });
}
