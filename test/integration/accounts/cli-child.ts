// The CLI as its own process, straight from the sources (`node --import jiti/register cli-child.ts ARGS`),
// so multi-process tests need no `npm run build`. Same entry as bin/authbahn.js.
import { main } from '../../../main/cli';

process.exitCode = await main(process.argv.slice(2));
