/** What route modules use of the HTTP layer. The server itself (app.ts) is imported only by src/main.ts and tests. */
export { langOf, requestContext, sendError, type AppDeps } from './context.ts';
export { errorBody } from './errors.ts';
export { bodyParsedByService, cursorKeys, encodeCursor, staffOf } from './routekit.ts';
