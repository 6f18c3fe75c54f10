import { main } from '@tidemark/engines/cli';

process.exitCode = await main(process.argv.slice(2)).catch((error: Error) => {
  console.error(`engines: ${error.message}`);
  return 1;
});
