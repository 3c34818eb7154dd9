import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';
import { alias } from '../vite.shared.mjs';

export default defineConfig({ plugins: [vue()], resolve: { alias }, logLevel: 'warn' });
