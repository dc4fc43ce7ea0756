import { z } from 'zod';
import { route, type AnyRoute } from '../../lib/http/route.js';
import type { LeadListsService } from './leadLists.service.js';
import type { LeadsService } from './leads.service.js';
import { findLeadActivity } from './findLeadActivity.js';
import {
  bulkTagsBody,
  createLeadBody,
  customFieldKeysSchema,
  exportLeadsBody,
  leadActivitySchema,
  leadFilterQuery,
  leadListBody,
  leadListSchema,
  leadParams,
  leadSchema,
  listLeadsQuery,
  listMembersBody,
  listParams,
  updateLeadBody,
} from './leads.schemas.js';

export function leadRoutes(deps: { leads: LeadsService; lists: LeadListsService }): AnyRoute[] {
  const { leads, lists } = deps;
  return [
    // GET /api/leads
    route({
      method: 'get',
      path: '/api/leads',
      access: 'viewer',
      tag: 'Leads',
      summary: 'Leads, filtered, ordered by email, with cursor pagination',
      query: listLeadsQuery,
      responses: {
        200: { description: 'A page of leads', schema: z.object({ data: z.array(leadSchema), nextCursor: z.string().nullable() }) },
      },
      handler: async ({ auth, query }) => ({ body: await leads.list(auth, query) }),
    }),
    // POST /api/leads
    route({
      method: 'post',
      path: '/api/leads',
      access: 'member',
      tag: 'Leads',
      summary: 'Add one lead (refused when the address is suppressed)',
      body: createLeadBody,
      responses: { 201: { description: 'The lead', schema: leadSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await leads.create(auth, body) }),
    }),
    // GET /api/leads/custom-fields (declared before /api/leads/:leadId, which would otherwise match it)
    route({
      method: 'get',
      path: '/api/leads/custom-fields',
      access: 'viewer',
      tag: 'Leads',
      summary: "The custom-field names the organization's leads carry, alphabetical (at most 500): what {{lead.custom.<name>}} can name",
      responses: { 200: { description: 'Custom-field names', schema: customFieldKeysSchema } },
      handler: async ({ auth }) => ({ body: { keys: await leads.customFieldKeys(auth) } }),
    }),
    // GET /api/leads/export (declared before /api/leads/:leadId, which would otherwise match it)
    route({
      method: 'get',
      path: '/api/leads/export',
      access: 'viewer',
      tag: 'Leads',
      summary: 'Export the matching leads as CSV (cells that a spreadsheet would run as formulas are neutralised)',
      query: leadFilterQuery,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
      handler: async ({ auth, query, res }) => {
        await leads.exportCsv(auth, query, res);
      },
    }),
    // POST /api/leads/export
    route({
      method: 'post',
      path: '/api/leads/export',
      access: 'viewer',
      tag: 'Leads',
      summary: 'Export the chosen leads as CSV (a selection too long for a URL; cells a spreadsheet would run as formulas are neutralised)',
      body: exportLeadsBody,
      responses: { 200: { description: 'CSV', schema: z.string(), contentType: 'text/csv' } },
      handler: async ({ auth, body, res }) => {
        await leads.exportCsv(auth, { leadIds: body.leadIds }, res);
      },
    }),
    // POST /api/leads/tags
    route({
      method: 'post',
      path: '/api/leads/tags',
      access: 'member',
      tag: 'Leads',
      summary: 'Add and remove tags on many leads',
      body: bulkTagsBody,
      responses: { 200: { description: 'How many leads changed', schema: z.object({ updated: z.number().int() }) } },
      handler: async ({ auth, body }) => ({ body: await leads.changeTags(auth, body) }),
    }),
    // GET /api/leads/:leadId
    route({
      method: 'get',
      path: '/api/leads/:leadId',
      access: 'viewer',
      tag: 'Leads',
      summary: 'One lead',
      params: leadParams,
      responses: { 200: { description: 'The lead', schema: leadSchema } },
      handler: async ({ auth, params }) => ({ body: await leads.get(auth, params.leadId) }),
    }),
    // GET /api/leads/:leadId/activity
    route({
      method: 'get',
      path: '/api/leads/:leadId/activity',
      access: 'viewer',
      tag: 'Leads',
      summary: "A lead's enrolments and its timeline of messages and events, newest first",
      params: leadParams,
      responses: { 200: { description: 'Enrolments and timeline', schema: leadActivitySchema } },
      handler: async ({ auth, params }) => ({ body: await findLeadActivity({ auth, leadId: params.leadId }) }),
    }),
    // PATCH /api/leads/:leadId
    route({
      method: 'patch',
      path: '/api/leads/:leadId',
      access: 'member',
      tag: 'Leads',
      summary: 'Change a lead (empty strings clear a field; customFields and tags are replaced)',
      params: leadParams,
      body: updateLeadBody,
      responses: { 200: { description: 'The lead', schema: leadSchema } },
      handler: async ({ auth, params, body }) => ({ body: await leads.update(auth, params.leadId, body) }),
    }),
    // DELETE /api/leads/:leadId
    route({
      method: 'delete',
      path: '/api/leads/:leadId',
      access: 'admin',
      tag: 'Leads',
      summary: 'Erase a person (GDPR): removed everywhere, a hashed suppression keeps them from being mailed again',
      params: leadParams,
      responses: { 204: { description: 'Erased' } },
      handler: async ({ auth, params }) => {
        await leads.erase(auth, params.leadId);
      },
    }),
    // GET /api/lead-lists
    route({
      method: 'get',
      path: '/api/lead-lists',
      access: 'viewer',
      tag: 'Lead lists',
      summary: 'Static lead lists with their sizes',
      responses: { 200: { description: 'Lists', schema: z.object({ data: z.array(leadListSchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await lists.list(auth) } }),
    }),
    // POST /api/lead-lists
    route({
      method: 'post',
      path: '/api/lead-lists',
      access: 'member',
      tag: 'Lead lists',
      summary: 'Create a static list',
      body: leadListBody,
      responses: { 201: { description: 'The list', schema: leadListSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await lists.create(auth, body.name) }),
    }),
    // GET /api/lead-lists/:listId
    route({
      method: 'get',
      path: '/api/lead-lists/:listId',
      access: 'viewer',
      tag: 'Lead lists',
      summary: 'One list (its leads: GET /api/leads?listId=...)',
      params: listParams,
      responses: { 200: { description: 'The list', schema: leadListSchema } },
      handler: async ({ auth, params }) => ({ body: await lists.get(auth, params.listId) }),
    }),
    // PATCH /api/lead-lists/:listId
    route({
      method: 'patch',
      path: '/api/lead-lists/:listId',
      access: 'member',
      tag: 'Lead lists',
      summary: 'Rename a list',
      params: listParams,
      body: leadListBody,
      responses: { 200: { description: 'The list', schema: leadListSchema } },
      handler: async ({ auth, params, body }) => ({ body: await lists.rename(auth, params.listId, body.name) }),
    }),
    // DELETE /api/lead-lists/:listId
    route({
      method: 'delete',
      path: '/api/lead-lists/:listId',
      access: 'member',
      tag: 'Lead lists',
      summary: 'Delete a list (its leads stay)',
      params: listParams,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ auth, params }) => {
        await lists.remove(auth, params.listId);
      },
    }),
    // POST /api/lead-lists/:listId/members
    route({
      method: 'post',
      path: '/api/lead-lists/:listId/members',
      access: 'member',
      tag: 'Lead lists',
      summary: 'Add leads to a list',
      params: listParams,
      body: listMembersBody,
      responses: { 200: { description: 'How many were added', schema: z.object({ added: z.number().int() }) } },
      handler: async ({ auth, params, body }) => ({ body: await lists.addMembers(auth, params.listId, body.leadIds) }),
    }),
    // DELETE /api/lead-lists/:listId/members
    route({
      method: 'delete',
      path: '/api/lead-lists/:listId/members',
      access: 'member',
      tag: 'Lead lists',
      summary: 'Remove leads from a list',
      params: listParams,
      body: listMembersBody,
      responses: { 200: { description: 'How many were removed', schema: z.object({ removed: z.number().int() }) } },
      handler: async ({ auth, params, body }) => ({ body: await lists.removeMembers(auth, params.listId, body.leadIds) }),
    }),
  ];
}
