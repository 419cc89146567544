import { appBuildConfig } from '@commerce/web-kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(appBuildConfig({ app: 'admin-console', port: 5174, budgetKb: 250 }));
