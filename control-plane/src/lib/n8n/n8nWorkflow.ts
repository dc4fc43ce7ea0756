/** The parts of an n8n workflow that the Public API accepts on create and update (its schema is closed). */
export interface N8nNode {
  id?: string;
  name: string;
  type: string;
  typeVersion: number;
  position: [number, number];
  parameters: Record<string, unknown>;
  credentials?: Record<string, { id: string; name: string }>;
  webhookId?: string;
  disabled?: boolean;
  [extra: string]: unknown;
}

export type N8nConnections = Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;

export interface N8nWorkflowBody {
  name: string;
  nodes: N8nNode[];
  connections: N8nConnections;
  settings: Record<string, unknown>;
  staticData?: Record<string, unknown> | null;
}

export interface N8nWorkflow extends N8nWorkflowBody {
  id: string;
  active: boolean;
  updatedAt: string;
  createdAt: string;
  tags?: Array<{ id: string; name: string }>;
}

export interface N8nExecution {
  id: string;
  workflowId: string;
  status: string;
  mode: string;
  startedAt: string;
  stoppedAt: string | null;
  finished: boolean;
}

// The Public API's settings schema is closed: anything else n8n returns on GET must not be sent back.
const writableSettings = [
  'executionOrder',
  'timezone',
  'saveDataErrorExecution',
  'saveDataSuccessExecution',
  'saveManualExecutions',
  'saveExecutionProgress',
  'executionTimeout',
  'errorWorkflow',
  'callerPolicy',
];

const writableNodeFields = [
  'id',
  'name',
  'type',
  'typeVersion',
  'position',
  'parameters',
  'credentials',
  'webhookId',
  'disabled',
  'notes',
  'notesInFlow',
  'executeOnce',
  'alwaysOutputData',
  'retryOnFail',
  'maxTries',
  'waitBetweenTries',
  'onError',
];

/** The body to create or update a workflow with, from a workflow as n8n returned it or as we rendered it. */
export function toWorkflowBody(workflow: N8nWorkflowBody): N8nWorkflowBody {
  return {
    name: workflow.name,
    nodes: workflow.nodes.map(
      (node) => Object.fromEntries(Object.entries(node).filter(([key]) => writableNodeFields.includes(key))) as N8nNode,
    ),
    connections: workflow.connections,
    settings: Object.fromEntries(Object.entries(workflow.settings ?? {}).filter(([key]) => writableSettings.includes(key))),
  };
}
