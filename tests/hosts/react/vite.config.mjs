import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { alias } from '../vite.shared.mjs';

export default defineConfig({ plugins: [react()], resolve: { alias }, logLevel: 'warn' });
