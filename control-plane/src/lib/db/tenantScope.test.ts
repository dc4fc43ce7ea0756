// Integration: the tenant scope on a real PostgreSQL database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from './prisma.js';
import { scopedDb } from './tenantScope.js';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase.js';

let database: TestDatabase;
let prisma: PrismaClient;
let orgA: string;
let orgB: string;

beforeAll(async () => {
  database = await createTestDatabase();
  prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 2 });
  orgA = (await prisma.organization.create({ data: { name: 'A' } })).id;
  orgB = (await prisma.organization.create({ data: { name: 'B' } })).id;
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

describe('scopedDb', () => {
  it('stamps creates with the organization, whatever the caller passed', async () => {
    const lead = await scopedDb(prisma, orgA).lead.create({
      data: { organizationId: orgB, email: 'x@a.com', emailDomain: 'a.com' },
    });
    expect(lead.organizationId).toBe(orgA);
  });

  it("makes another organization's rows invisible and untouchable", async () => {
    const a = scopedDb(prisma, orgA);
    const b = scopedDb(prisma, orgB);
    const lead = await a.lead.create({ data: { organizationId: orgA, email: 'only-a@a.com', emailDomain: 'a.com' } });

    expect(await b.lead.findUnique({ where: { id: lead.id } })).toBeNull();
    expect(await b.lead.findFirst({ where: { email: 'only-a@a.com' } })).toBeNull();
    expect(await b.lead.count()).toBe(0);
    expect((await b.lead.updateMany({ data: { firstName: 'pwned' } })).count).toBe(0);
    expect((await b.lead.deleteMany({})).count).toBe(0);
    await expect(b.lead.update({ where: { id: lead.id }, data: { firstName: 'pwned' } })).rejects.toThrow();
    await expect(b.lead.delete({ where: { id: lead.id } })).rejects.toThrow();
    expect(await b.organization.findUnique({ where: { id: orgA } })).toBeNull();

    const untouched = await a.lead.findUniqueOrThrow({ where: { id: lead.id } });
    expect(untouched.firstName).toBeNull();
  });

  it('scopes upserts on both sides', async () => {
    const a = scopedDb(prisma, orgA);
    const b = scopedDb(prisma, orgB);
    await a.suppression.create({ data: { organizationId: orgA, kind: 'email', value: 'shared@x.com', reason: 'manual' } });
    const created = await b.suppression.upsert({
      where: { organizationId_kind_value: { organizationId: orgB, kind: 'email', value: 'shared@x.com' } },
      create: { organizationId: orgA, kind: 'email', value: 'shared@x.com', reason: 'unsubscribed' },
      update: {},
    });
    expect(created.organizationId).toBe(orgB);
    expect(await prisma.suppression.count({ where: { value: 'shared@x.com' } })).toBe(2);
  });
});
