import { pipelineRouter } from './routers/pipeline.ts';
import { replaysRouter } from './routers/replays.ts';
import { seriesRouter } from './routers/series.ts';
import { sessionRouter } from './routers/session.ts';
import { tokensRouter } from './routers/tokens.ts';
import { viewsRouter } from './routers/views.ts';
import { createCallerFactory, router } from './trpc.ts';

export const appRouter = router({
  session: sessionRouter,
  tokens: tokensRouter,
  replays: replaysRouter,
  pipeline: pipelineRouter,
  views: viewsRouter,
  series: seriesRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
