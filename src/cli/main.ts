import { runCli } from './comeback.ts';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const result = runCli(process.argv.slice(2), Buffer.concat(chunks).toString('utf8'), new Date());
process.stdout.write(result.stdout);
process.stderr.write(result.stderr);
process.exitCode = result.code;
