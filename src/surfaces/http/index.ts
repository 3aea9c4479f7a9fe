export { createApp, type AppOptions, type DatelineApp } from './app.js';
export { startServer, type RunningServer, type ServerOptions } from './server.js';
export { DEFAULT_LIMITS, type Limits } from './schemas.js';
export { openApiDocument } from './openapi.js';
export { ftsQuery } from './search.js';
