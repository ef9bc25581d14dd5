/**
 * Zod probes for eval (new Function) on its first parse. Under the page's Content-Security-Policy the probe fails
 * quietly but is reported as a violation, so in a browser (the page or a worker) zod is told not to compile. The page
 * and the worker import this first, so that it runs before any module parses; Node keeps zod's compiled parsers.
 */
import { config } from 'zod';

if (typeof window !== 'undefined' || typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope !== 'undefined') config({ jitless: true });
