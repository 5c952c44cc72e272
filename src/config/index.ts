export * from './env.js';
export * from './load-config.js';
export * from './schema.js';
export * from './issue-override-schema.js';
export * from './selection-schema.js';
export * from './site-schema.js';
export * from './sources-schema.js';
export * from './load-issue-override.js';
