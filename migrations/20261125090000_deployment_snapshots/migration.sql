-- AlterTable
ALTER TABLE "workflow_deployments" ADD COLUMN     "deployedWorkflow" JSONB,
ADD COLUMN     "driftedWorkflow" JSONB;

