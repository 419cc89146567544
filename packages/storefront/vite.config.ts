import { appBuildConfig } from '@commerce/web-kit/vite';
import { defineConfig } from 'vite';

export default defineConfig(appBuildConfig({ app: 'storefront', port: 5173, budgetKb: 250 }));
