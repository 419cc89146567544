// Demo catalogue seeding for the local stage. Placeholder: the lead replaces this file.

export function seedDemoCatalog(apiBaseUrl: string): Promise<void> {
  console.log(`[local-cloud] seed: not yet implemented (API ${apiBaseUrl})`);
  return Promise.resolve();
}
