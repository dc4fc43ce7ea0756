-- An organization's workflows that belong to no campaign (the inbox watcher): at most one per template.
CREATE UNIQUE INDEX "workflow_deployments_organization_template_key" ON "workflow_deployments" ("organizationId", "templateName") WHERE "campaignId" IS NULL;
