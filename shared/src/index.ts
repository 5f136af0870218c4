export * from './api.js';
export * from './crisis.js';
export * from './limits.js';
export * from './roles.js';
export * from './time-zones.js';
export * from './screening/index.js';
export * from './screening-api.js';
export * from './psychoeducation/index.js';
