import { pipelineRouter } from './routers/pipeline.ts';
import { replaysRouter } from './routers/replays.ts';
import { sessionRouter } from './routers/session.ts';
import { tokensRouter } from './routers/tokens.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  session: sessionRouter,
  tokens: tokensRouter,
  replays: replaysRouter,
  pipeline: pipelineRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
