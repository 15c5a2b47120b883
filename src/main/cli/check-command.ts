// `check --store DIR [--repair] [--json]`: the store's integrity check (store-check.ts). Exit 0 only
// when all is well; 3 when problems were found (left after --repair); like `git fsck`, it prints
// each problem and what --repair does about it.

import { checkStore, type CheckReport } from '../store/store-check'

export const EXIT_STORE_PROBLEMS = 3

export async function runCheckCommand(dir: string, options: { repair: boolean; json: boolean }): Promise<number> {
  const report = await checkStore(dir, { repair: options.repair })
  process.stdout.write(options.json ? `${JSON.stringify(report)}\n` : describeReport(report, options.repair))
  return report.ok ? 0 : EXIT_STORE_PROBLEMS
}

function describeReport(report: CheckReport, repair: boolean): string {
  const { articles, records, highlights, claims, links } = report.counts
  const lines = [`Checked ${report.store}: ${articles} articles, ${records} stored texts, ${highlights} highlights, ${claims} claims, ${links} evidence links.`]
  for (const change of report.repaired ?? []) lines.push(`repaired: ${change}`)
  for (const note of report.notes) lines.push(`note: ${note}`)
  if (report.ok) lines.push(repair && (report.repaired?.length ?? 0) > 0 ? 'All is well now.' : 'All is well.')
  for (const { where, problem, repair: fix } of report.problems) lines.push(`${where}: ${problem}\n  ${repair ? 'left as it is' : '--repair would'}: ${fix}`)
  if (!report.ok && !repair) lines.push(`${report.problems.length} problems. Run again with --repair to repair what can be repaired.`)
  return `${lines.join('\n')}\n`
}
